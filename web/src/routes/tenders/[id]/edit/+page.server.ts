import { error, redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { requireViewer } from "$lib/server/guards";
import { execute, graphql } from "$lib/server/graphql";
import {
  changeTenderForm,
  invalidTender,
  readTenderForm,
  TenderRegions,
  tenderFailure,
  toTenderInput,
  UpdateTender,
} from "$lib/server/tender-form";
import { tenderIdParam } from "$lib/server/tenders";
import { tenderFormValues } from "$lib/tender-form";
import type { Actions, PageServerLoad } from "./$types";

// Editing a draft, or amending a published tender before its deadline. An amendment goes through the
// readiness check again, and every bid already submitted must then be confirmed by its supplier.

const TenderEdit = graphql(`
  query TenderEdit($id: ID!) {
    tender(id: $id) {
      id
      title
      description
      procedure
      status
      cpvCodes {
        code8
        label
      }
      itl1Code
      valuePence
      suitableForSme
      clarificationDeadline
      submissionDeadline
      bidCount
      buyer {
        name
      }
      lots {
        id
        title
        description
        valuePence
      }
      criteria {
        id
        kind
        title
        description
        weight
      }
      viewerCan {
        edit
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  requireViewer(event);
  const id = tenderIdParam(event.params.id);
  const [{ tender }, { regions }] = await Promise.all([execute(event, TenderEdit, { id }), execute(event, TenderRegions)]);
  if (!tender) error(404, "Page not found");
  if (!tender.viewerCan.edit)
    error(
      403,
      tender.status === "DRAFT" || tender.status === "PUBLISHED"
        ? "Only the council's buyers can change this tender"
        : "This tender can no longer be changed",
    );
  return { tender, regions, initial: tenderFormValues(tender) };
};

export const actions: Actions = {
  change: (event) => {
    requireViewer(event);
    return changeTenderForm(event);
  },

  save: async (event) => {
    requireViewer(event);
    const id = tenderIdParam(event.params.id);
    const values = readTenderForm(await event.request.formData());
    const parsed = toTenderInput(values);
    if ("fields" in parsed) return invalidTender(values, parsed.fields);
    const { updateTender } = await execute(event, UpdateTender, { id, input: parsed.input });
    if (updateTender.__typename !== "UpdateTenderSuccess") return tenderFailure(values, updateTender);
    const { status, bidCount } = updateTender.data;
    if (status === "DRAFT") setFlash(event.cookies, event.url, { title: "Draft saved" });
    else
      setFlash(event.cookies, event.url, {
        title: "Tender amended",
        body: bidCount
          ? `${bidCount} supplier${bidCount === 1 ? " has" : "s have"} already submitted a bid. We have told them to confirm their bid again before the deadline.`
          : "Suppliers following the tender have been told about the change.",
      });
    redirect(303, `/tenders/${event.params.id}`);
  },
};
