import { error, fail, redirect } from "@sveltejs/kit";
import { isLocalId, toGlobalId } from "$lib/global-id";
import { setFlash } from "$lib/server/flash";
import { formFailure, invalid, text } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import { publishAction, withdrawAction } from "../offering-actions";
import { offeringInput, offeringValues, onOfferingFields, withTierAdded, withTierRemoved } from "../offering-form";
import { readOfferingForm } from "../read-offering-form";
import { findCpvCodes } from "../../cpv-finder";
import type { Actions, PageServerLoad } from "./$types";

// One of the supplier's offerings: change it, publish it, withdraw it. Someone else's offering is a
// 404, the same as one that does not exist.

const Offering = graphql(`
  query ManageOffering($id: ID!) {
    offering(id: $id) {
      id
      title
      summary
      description
      status
      features
      benefits
      pricingUnit
      pricePence
      priceTiers {
        fromQuantity
        pricePence
      }
      cpvCodes {
        code8
      }
      regions {
        code
      }
      frameworkLot {
        id
      }
      viewerCanManage
      publishedAt
      updatedAt
      supplier {
        id
        name
        frameworkLots {
          id
          number
          title
          framework {
            name
          }
        }
      }
    }
    regions {
      code
      name
    }
  }
`);

const UpdateOffering = graphql(
  `
    mutation UpdateOffering($input: UpdateOfferingInput!) {
      updateOffering(input: $input) {
        __typename
        ... on UpdateOfferingSuccess {
          data {
            id
            title
            status
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

function offeringId(params: { id: string }): string {
  if (!isLocalId(params.id)) error(404, "Page not found");
  return toGlobalId("Offering", params.id);
}

export const load: PageServerLoad = async (event) => {
  requireViewer(event);
  const { offering, regions } = await execute(event, Offering, { id: offeringId(event.params) });
  if (!offering?.viewerCanManage) error(404, "Page not found");
  return { offering, regions, values: offeringValues(offering) };
};

export const actions: Actions = {
  save: async (event) => {
    requireViewer(event);
    const id = offeringId(event.params);
    const values = readOfferingForm(await event.request.formData());
    const { input, tierRows, problems } = offeringInput(values);
    if (!input) return invalid(values, problems);
    const { updateOffering } = await execute(event, UpdateOffering, { input: { ...input, id } });
    if (updateOffering.__typename !== "UpdateOfferingSuccess")
      return formFailure(onOfferingFields(updateOffering, tierRows), values);
    setFlash(event.cookies, event.url, {
      title: "Your changes are saved",
      body: updateOffering.data.status === "PUBLISHED" ? "They are in the catalogue now." : undefined,
    });
    redirect(303, event.url.pathname);
  },
  findCpv: async (event) => {
    const data = await event.request.formData();
    const cpvSearch = text(data, "cpvSearch");
    return { values: readOfferingForm(data), errors: null, cpvSearch, cpvMatches: await findCpvCodes(event, cpvSearch) };
  },
  addTier: async (event) => ({ values: withTierAdded(readOfferingForm(await event.request.formData())), errors: null }),
  removeTier: async (event) => {
    const data = await event.request.formData();
    const row = Number(data.get("removeTier"));
    if (!Number.isInteger(row)) return fail(400, { values: readOfferingForm(data), errors: null });
    return { values: withTierRemoved(readOfferingForm(data), row), errors: null };
  },
  publish: async (event) => {
    requireViewer(event);
    return publishAction(event, event.url.pathname);
  },
  withdraw: async (event) => {
    requireViewer(event);
    return withdrawAction(event, event.url.pathname);
  },
};
