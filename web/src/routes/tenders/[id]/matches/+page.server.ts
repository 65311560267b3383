import { error, redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure, invalid, text } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql, type VariablesOf } from "$lib/server/graphql";
import { toGlobalId } from "$lib/global-id";
import type { Actions, PageServerLoad, RequestEvent } from "./$types";

// The buying council's view of who matched its tender: suppliers best first, each with the reasons for
// its score, and a button to invite one to bid. Only the council's people see it; the API returns no
// matches to anyone else, and this page says so rather than showing an empty list.

const PAGE_SIZE = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BUYER_SIDE = ["ADMIN", "BUYER", "EVALUATOR"];
const MAY_INVITE = ["ADMIN", "BUYER"];

const TenderMatches = graphql(`
  query TenderMatches($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    tender(id: $id) {
      id
      title
      status
      buyer {
        id
        name
      }
      matches(first: $first, after: $after, last: $last, before: $before) {
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        edges {
          node {
            id
            rank
            score
            invitedAt
            supplier {
              id
              name
              isSme
              isHighGrowth
              supplierSize
            }
            reasons {
              kind
              title
              label
              contribution
              weight
            }
          }
        }
      }
    }
  }
`);

const InviteMatchedSupplier = graphql(
  `
    mutation InviteMatchedSupplier($matchId: ID!) {
      inviteMatchedSupplier(matchId: $matchId) {
        __typename
        ... on InviteMatchedSupplierSuccess {
          data {
            id
            supplier {
              name
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

function tenderId(event: Pick<RequestEvent, "params">): string {
  if (!UUID.test(event.params.id)) error(404, "Page not found");
  return toGlobalId("Tender", event.params.id.toLowerCase());
}

export const load: PageServerLoad = async (event) => {
  const viewer = requireViewer(event);
  const id = tenderId(event);
  const before = event.url.searchParams.get("before");
  const after = event.url.searchParams.get("after");
  const variables: VariablesOf<typeof TenderMatches> = before ? { id, last: PAGE_SIZE, before } : { id, first: PAGE_SIZE, after };
  const { tender } = await execute(event, TenderMatches, variables);
  if (!tender) error(404, "Page not found");
  const role = viewer.memberships.find((m) => m.organisation.id === tender.buyer.id)?.role;
  if (!viewer.isPlatformAdmin && !(role && BUYER_SIDE.includes(role)))
    error(403, "Only the council that published this tender can see the suppliers matched to it");
  return {
    tender,
    canInvite: !!role && MAY_INVITE.includes(role) && tender.status === "PUBLISHED",
  };
};

export const actions: Actions = {
  invite: async (event) => {
    requireViewer(event);
    tenderId(event);
    const values = { matchId: text(await event.request.formData(), "matchId") };
    if (!values.matchId) return invalid(values, { matchId: "Choose a supplier to invite" });
    const { inviteMatchedSupplier: result } = await execute(event, InviteMatchedSupplier, values);
    if (result.__typename !== "InviteMatchedSupplierSuccess") return formFailure(result, values);
    setFlash(event.cookies, event.url, {
      title: `${result.data.supplier.name} is invited to bid`,
      body: "We have told its bidders in the app and by email.",
    });
    // Back to the same page of the list.
    const paging = new URLSearchParams();
    for (const name of ["after", "before"]) {
      const cursor = event.url.searchParams.get(name);
      if (cursor) paging.set(name, cursor);
    }
    redirect(303, `/tenders/${event.params.id}/matches${paging.size ? `?${paging}` : ""}`);
  },
};
