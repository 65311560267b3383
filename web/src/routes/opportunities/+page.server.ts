import { redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure, invalid, text } from "$lib/server/forms";
import { requireMembership } from "$lib/server/guards";
import { ErrorFields, execute, graphql, type VariablesOf } from "$lib/server/graphql";
import type { Actions, PageServerLoad, RequestEvent } from "./$types";

// A supplier's opportunities: open tenders matched to its company, best first, with the reasons for
// each score; a button to say one is not relevant, and the list of those so marked, to restore them.
// Paging is by links (?after= / ?before=) and the supplier by ?organisation=, so it all works without
// JavaScript; the buttons are small POST forms that redirect back here.

const PAGE_SIZE = 10;

const Opportunities = graphql(`
  query Opportunities($supplierId: ID, $first: Int, $after: String, $last: Int, $before: String) {
    regions {
      code
      name
    }
    viewer {
      id
      opportunities(supplierId: $supplierId, first: $first, after: $after, last: $last, before: $before) {
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        edges {
          node {
            id
            score
            invitedAt
            supplier {
              id
              name
            }
            reasons {
              kind
              title
              label
              contribution
              weight
            }
            tender {
              id
              title
              valuePence
              itl1Code
              submissionDeadline
              buyer {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

// Separate from the list above: GraphQL Armor's cost limit counts nesting, and together they exceed it.
const NotRelevant = graphql(`
  query NotRelevantOpportunities($supplierId: ID) {
    viewer {
      id
      opportunities(supplierId: $supplierId, notRelevant: true, first: 20) {
        edges {
          node {
            id
            supplier {
              id
              name
            }
            tender {
              id
              title
              submissionDeadline
              buyer {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

const MarkNotRelevant = graphql(
  `
    mutation MarkOpportunityNotRelevant($matchId: ID!) {
      markOpportunityNotRelevant(matchId: $matchId) {
        __typename
        ... on MarkOpportunityNotRelevantSuccess {
          data {
            id
            tender {
              title
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const RestoreOpportunity = graphql(
  `
    mutation RestoreOpportunity($matchId: ID!) {
      restoreOpportunity(matchId: $matchId) {
        __typename
        ... on RestoreOpportunitySuccess {
          data {
            id
            tender {
              title
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

/** The viewer's suppliers (those whose opportunities they can see). */
function suppliersOf(event: Pick<RequestEvent, "locals" | "url">) {
  const viewer = requireMembership(event);
  return viewer.memberships.filter((m) => m.organisation.kind === "SUPPLIER").map((m) => m.organisation);
}

export const load: PageServerLoad = async (event) => {
  const suppliers = suppliersOf(event);
  if (suppliers.length === 0) return { suppliers, supplierId: null, opportunities: null, notRelevant: [], regions: [] };

  const params = event.url.searchParams;
  const chosen = params.get("organisation");
  const supplierId = suppliers.some((s) => s.id === chosen) ? chosen : null;
  const before = params.get("before");
  const after = params.get("after");
  const variables: VariablesOf<typeof Opportunities> = before
    ? { supplierId, last: PAGE_SIZE, before }
    : { supplierId, first: PAGE_SIZE, after };
  const [{ viewer, regions }, marked] = await Promise.all([
    execute(event, Opportunities, variables),
    execute(event, NotRelevant, { supplierId }),
  ]);
  if (!viewer || !marked.viewer) redirect(303, `/sign-in?returnTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  return {
    suppliers,
    supplierId,
    regions,
    opportunities: viewer.opportunities,
    notRelevant: marked.viewer.opportunities.edges.map((e) => e.node),
  };
};

/** Back to the list as it was (same supplier and page), with a message. */
function backToList(event: RequestEvent, title: string, body: string): never {
  setFlash(event.cookies, event.url, { title, body });
  const supplier = event.url.searchParams.get("organisation");
  redirect(303, `/opportunities${supplier ? `?organisation=${encodeURIComponent(supplier)}` : ""}`);
}

export const actions: Actions = {
  notRelevant: async (event) => {
    suppliersOf(event);
    const values = { matchId: text(await event.request.formData(), "matchId") };
    if (!values.matchId) return invalid(values, { matchId: "Choose an opportunity" });
    const { markOpportunityNotRelevant: result } = await execute(event, MarkNotRelevant, values);
    if (result.__typename !== "MarkOpportunityNotRelevantSuccess") return formFailure(result, values);
    backToList(
      event,
      `‘${result.data.tender.title}’ is marked not relevant`,
      "We will not show it to you or tell you about it again. You can restore it from the list at the end of this page.",
    );
  },

  restore: async (event) => {
    suppliersOf(event);
    const values = { matchId: text(await event.request.formData(), "matchId") };
    if (!values.matchId) return invalid(values, { matchId: "Choose an opportunity" });
    const { restoreOpportunity: result } = await execute(event, RestoreOpportunity, values);
    if (result.__typename !== "RestoreOpportunitySuccess") return formFailure(result, values);
    backToList(event, `‘${result.data.tender.title}’ is back in your opportunities`, "The council can see your match again.");
  },
};
