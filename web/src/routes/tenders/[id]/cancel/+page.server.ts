import { error, redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure, text } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import { tenderIdParam } from "$lib/server/tenders";
import type { Actions, PageServerLoad } from "./$types";

const TenderToCancel = graphql(`
  query TenderToCancel($id: ID!) {
    tender(id: $id) {
      id
      title
      status
      bidCount
      viewerCan {
        cancel
      }
    }
  }
`);

const CancelTender = graphql(
  `
    mutation CancelTender($id: ID!, $reason: String!) {
      cancelTender(id: $id, reason: $reason) {
        __typename
        ... on CancelTenderSuccess {
          data {
            id
            status
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const load: PageServerLoad = async (event) => {
  requireViewer(event);
  const { tender } = await execute(event, TenderToCancel, { id: tenderIdParam(event.params.id) });
  if (!tender) error(404, "Page not found");
  if (!tender.viewerCan.cancel) error(403, "You cannot cancel this tender");
  return { tender };
};

export const actions: Actions = {
  default: async (event) => {
    requireViewer(event);
    const values = { reason: text(await event.request.formData(), "reason") };
    const { cancelTender } = await execute(event, CancelTender, { id: tenderIdParam(event.params.id), reason: values.reason });
    if (cancelTender.__typename !== "CancelTenderSuccess") return formFailure(cancelTender, values);
    setFlash(event.cookies, event.url, {
      title: "Tender cancelled",
      body: "Suppliers who bid or follow it have been told, with your reason.",
    });
    redirect(303, `/tenders/${event.params.id}`);
  },
};
