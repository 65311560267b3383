// The tendering parts of the dashboard: a council's tenders by status; a supplier's bids and the
// tenders it follows.
import type { RequestEvent } from "@sveltejs/kit";
import { execute, graphql, type ResultOf } from "$lib/server/graphql";

const MAX_LISTED = 100;

const CouncilTenders = graphql(`
  query CouncilTenders($buyerId: ID!, $first: Int) {
    tenders(filter: { buyerId: $buyerId }, first: $first) {
      edges {
        node {
          id
          title
          status
          submissionDeadline
          bidCount
        }
      }
    }
  }
`);

const SupplierTendering = graphql(`
  query SupplierTendering($supplierId: ID!, $first: Int) {
    bids(supplierId: $supplierId, first: $first) {
      edges {
        node {
          id
          status
          submittedAt
          needsReconfirmation
          tender {
            id
            title
            status
            submissionDeadline
          }
        }
      }
    }
    tenders(filter: { followedBy: $supplierId }, first: $first, orderBy: DEADLINE_SOONEST) {
      edges {
        node {
          id
          title
          status
          submissionDeadline
          buyer {
            name
          }
        }
      }
    }
  }
`);

export type CouncilTender = ResultOf<typeof CouncilTenders>["tenders"]["edges"][number]["node"];
export type SupplierBid = ResultOf<typeof SupplierTendering>["bids"]["edges"][number]["node"];
export type FollowedTender = ResultOf<typeof SupplierTendering>["tenders"]["edges"][number]["node"];

/** What the dashboard shows about tendering for this organisation. */
export async function loadTenderDashboard(event: RequestEvent, organisation: { id: string; kind: "COUNCIL" | "SUPPLIER" }) {
  if (organisation.kind === "COUNCIL") {
    const { tenders } = await execute(event, CouncilTenders, { buyerId: organisation.id, first: MAX_LISTED });
    return { tenders: tenders.edges.map((e) => e.node), bids: [], followed: [] };
  }
  const { bids, tenders } = await execute(event, SupplierTendering, { supplierId: organisation.id, first: MAX_LISTED });
  return { tenders: [], bids: bids.edges.map((e) => e.node), followed: tenders.edges.map((e) => e.node) };
}
