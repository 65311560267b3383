import { fail, redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure, invalid, text } from "$lib/server/forms";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import { localId } from "$lib/global-id";
import { currentSupplier } from "../../current-supplier";
import { offeringInput, onOfferingFields, withTierAdded, withTierRemoved } from "../offering-form";
import { readOfferingForm } from "../read-offering-form";
import { findCpvCodes } from "../../cpv-finder";
import type { Actions, PageServerLoad } from "./$types";

// A new offering is saved as a draft; its own page then publishes it.

const Choices = graphql(`
  query NewOfferingChoices($supplierId: ID!) {
    regions {
      code
      name
    }
    supplier(id: $supplierId) {
      id
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
`);

const CreateOffering = graphql(
  `
    mutation CreateOffering($input: CreateOfferingInput!) {
      createOffering(input: $input) {
        __typename
        ... on CreateOfferingSuccess {
          data {
            id
            title
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const load: PageServerLoad = async (event) => {
  const current = currentSupplier(event);
  const { regions, supplier } = await execute(event, Choices, { supplierId: current.id });
  return { regions, frameworkLots: supplier?.frameworkLots ?? [], supplierName: current.name, query: current.query };
};

export const actions: Actions = {
  save: async (event) => {
    const current = currentSupplier(event);
    const values = readOfferingForm(await event.request.formData());
    const { input, tierRows, problems } = offeringInput(values);
    if (!input) return invalid(values, problems);
    const { createOffering } = await execute(event, CreateOffering, { input: { ...input, supplierId: current.id } });
    if (createOffering.__typename !== "CreateOfferingSuccess")
      return formFailure(onOfferingFields(createOffering, tierRows), values);
    setFlash(event.cookies, event.url, {
      title: `‘${createOffering.data.title}’ is saved as a draft`,
      body: "Check it, then publish it to list it in the catalogue.",
    });
    redirect(303, `/supplier/offerings/${localId(createOffering.data.id)}`);
  },
  // The tier buttons return the values to show; 200, as nothing is wrong.
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
};
