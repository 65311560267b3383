import { error } from "@sveltejs/kit";
import { isLocalId, toGlobalId } from "$lib/global-id";
import { execute, graphql } from "$lib/server/graphql";
import type { PageServerLoad } from "./$types";

// A supplier's public profile: what it does, where, its size and growth with the reasons, the figures
// they come from, and its published offerings.

const MAX_OFFERINGS_SHOWN = 50;

const Supplier = graphql(`
  query PublicSupplier($id: ID!, $first: Int!) {
    supplier(id: $id) {
      id
      name
      description
      website
      companiesHouseNumber
      isSme
      isHighGrowth
      supplierSize
      sizeReason
      growthReason
      accreditations
      viewerCanEditProfile
      regionsServed {
        code
        name
      }
      capabilities {
        code8
        label
      }
      supplierYears {
        id
        year
        headcount
        turnoverPence
        balanceSheetPence
      }
      offerings(first: $first) {
        totalCount
        edges {
          node {
            id
            title
            summary
            priceText
          }
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  if (!isLocalId(event.params.id)) error(404, "Page not found");
  const { supplier } = await execute(event, Supplier, {
    id: toGlobalId("Organisation", event.params.id),
    first: MAX_OFFERINGS_SHOWN,
  });
  if (!supplier) error(404, "Page not found");
  return { supplier };
};
