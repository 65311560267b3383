import { error } from "@sveltejs/kit";
import { execute, graphql } from "$lib/server/graphql";
import { currentSupplier } from "../current-supplier";
import type { Actions, PageServerLoad } from "./$types";
import { publishAction, withdrawAction } from "./offering-actions";

// The supplier's own offerings, drafts and withdrawn ones included, with publish and withdraw buttons.

const MAX_SHOWN = 100;

const Offerings = graphql(`
  query SupplierOfferings($id: ID!, $first: Int!) {
    supplier(id: $id) {
      id
      name
      viewerCanManageOfferings
      offerings(first: $first, includeUnpublished: true) {
        totalCount
        edges {
          node {
            id
            title
            status
            priceText
            updatedAt
          }
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const current = currentSupplier(event);
  const { supplier } = await execute(event, Offerings, { id: current.id, first: MAX_SHOWN });
  if (!supplier) error(404, "Page not found");
  return { supplier, offerings: supplier.offerings.edges.map((e) => e.node), query: current.query };
};

export const actions: Actions = {
  publish: async (event) => publishAction(event, `/supplier/offerings${currentSupplier(event).query}`),
  withdraw: async (event) => withdrawAction(event, `/supplier/offerings${currentSupplier(event).query}`),
};
