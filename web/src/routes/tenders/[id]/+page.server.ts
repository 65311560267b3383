import { error, redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import { tenderIdParam, viewerSupplierId } from "$lib/server/tenders";
import type { Actions, PageServerLoad } from "./$types";

// A tender as each reader needs it: the facts for everyone; for the council, what to do next and the
// bid count (the one thing it may know about bids before the deadline); for a supplier, its own bid,
// following, and questions.

const TenderPage = graphql(`
  query TenderPage($id: ID!, $supplierId: ID) {
    regions {
      code
      name
    }
    tender(id: $id) {
      id
      title
      description
      procedure
      status
      version
      ocid
      cpvCodes {
        code8
        label
      }
      itl1Code
      valuePence
      suitableForSme
      clarificationDeadline
      submissionDeadline
      publishedAt
      amendedAt
      closedAt
      cancelledAt
      cancellationReason
      buyer {
        id
        name
      }
      lots {
        id
        number
        title
        description
        valuePence
        award {
          id
          decidedAt
          standstillEndsAt
          supplier {
            id
            name
          }
          contract {
            id
            signedAt
          }
        }
      }
      criteria {
        id
        kind
        title
        description
        weight
      }
      bidCount
      following(supplierId: $supplierId)
      myBid(supplierId: $supplierId) {
        id
        status
        submittedAt
        needsReconfirmation
      }
      clarificationQuestions {
        id
        answer
        askedByViewer
      }
      viewerCan {
        edit
        publish
        cancel
        openBids
        evaluate
        award
        answerClarification
        bid
        askClarification
      }
    }
  }
`);

const FollowTender = graphql(
  `
    mutation FollowTender($id: ID!, $supplierId: ID, $follow: Boolean) {
      followTender(id: $id, supplierId: $supplierId, follow: $follow) {
        __typename
        ... on FollowTenderSuccess {
          data {
            id
            following(supplierId: $supplierId)
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const load: PageServerLoad = async (event) => {
  const id = tenderIdParam(event.params.id);
  const supplierId = viewerSupplierId(event.locals.viewer);
  const { tender, regions } = await execute(event, TenderPage, { id, supplierId });
  if (!tender) error(404, "Page not found");
  return {
    tender,
    region: regions.find((r) => r.code === tender.itl1Code)?.name ?? null,
    isSupplier: supplierId !== null,
  };
};

async function follow(event: Parameters<Actions[string]>[0], following: boolean) {
  requireViewer(event);
  const id = tenderIdParam(event.params.id ?? "");
  const supplierId = viewerSupplierId(event.locals.viewer);
  const { followTender } = await execute(event, FollowTender, { id, supplierId, follow: following });
  if (followTender.__typename !== "FollowTenderSuccess") return formFailure(followTender, {});
  setFlash(event.cookies, event.url, {
    title: following ? "You are following this tender" : "You are no longer following this tender",
    body: following ? "We will tell you when questions are answered or the tender changes." : undefined,
  });
  redirect(303, event.url.pathname);
}

export const actions: Actions = {
  follow: (event) => follow(event, true),
  unfollow: (event) => follow(event, false),
};
