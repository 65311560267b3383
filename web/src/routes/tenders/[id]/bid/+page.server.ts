import { error, redirect } from "@sveltejs/kit";
import { TenderBid } from "$lib/server/bid-queries";
import { setFlash } from "$lib/server/flash";
import { formFailure, text } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import { idParam, tenderIdParam, viewerSupplierId } from "$lib/server/tenders";
import { formatDeadline } from "$lib/tenders";
import type { Actions, PageServerLoad, RequestEvent } from "./$types";

// The supplier's bid: what it says, what is missing, and the next step (submit, withdraw, confirm after
// an amendment). After the award, the feedback: its scores and the winner's, with the reasons.

const SubmitBid = graphql(
  `
    mutation SubmitBid($id: ID!) {
      submitBid(id: $id) {
        __typename
        ... on SubmitBidSuccess {
          data {
            id
            submittedAt
          }
        }
        ... on DeadlinePassedError {
          deadline
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const WithdrawBid = graphql(
  `
    mutation WithdrawBid($id: ID!) {
      withdrawBid(id: $id) {
        __typename
        ... on WithdrawBidSuccess {
          data {
            id
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const ConfirmBid = graphql(
  `
    mutation ConfirmBid($id: ID!) {
      confirmBid(id: $id) {
        __typename
        ... on ConfirmBidSuccess {
          data {
            id
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const load: PageServerLoad = async (event) => {
  const viewer = requireViewer(event);
  const supplierId = viewerSupplierId(viewer);
  if (!supplierId) error(403, "Register your company as a supplier to bid");
  const { tender } = await execute(event, TenderBid, { id: tenderIdParam(event.params.id), supplierId });
  if (!tender || tender.status === "DRAFT") error(404, "Page not found");
  return { tender, bid: tender.myBid };
};

async function bidIdFrom(event: RequestEvent): Promise<string> {
  return idParam("Bid", text(await event.request.formData(), "bidId"));
}

export const actions: Actions = {
  submit: async (event) => {
    requireViewer(event);
    const { submitBid } = await execute(event, SubmitBid, { id: await bidIdFrom(event) });
    if (submitBid.__typename !== "SubmitBidSuccess") return formFailure(submitBid, {});
    setFlash(event.cookies, event.url, {
      title: "Bid submitted",
      body: `We received it on ${formatDeadline(submitBid.data.submittedAt ?? "")}. Nobody, not even the council, can read it before the deadline.`,
    });
    redirect(303, event.url.pathname);
  },

  withdraw: async (event) => {
    requireViewer(event);
    const { withdrawBid } = await execute(event, WithdrawBid, { id: await bidIdFrom(event) });
    if (withdrawBid.__typename !== "WithdrawBidSuccess") return formFailure(withdrawBid, {});
    setFlash(event.cookies, event.url, {
      title: "Bid withdrawn",
      body: "You can change it and submit it again before the deadline.",
    });
    redirect(303, event.url.pathname);
  },

  confirm: async (event) => {
    requireViewer(event);
    const { confirmBid } = await execute(event, ConfirmBid, { id: await bidIdFrom(event) });
    if (confirmBid.__typename !== "ConfirmBidSuccess") return formFailure(confirmBid, {});
    setFlash(event.cookies, event.url, { title: "Bid confirmed", body: "Your bid stands against the amended tender." });
    redirect(303, event.url.pathname);
  },
};
