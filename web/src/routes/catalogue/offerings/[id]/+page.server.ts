import { error } from "@sveltejs/kit";
import { isLocalId, toGlobalId } from "$lib/global-id";
import { execute, graphql } from "$lib/server/graphql";
import type { PageServerLoad } from "./$types";

// An offering's public page. Drafts and withdrawn offerings are shown only to the supplier's members
// (the API answers null to anyone else, which is a 404 here, the same as an offering that never was).

const Offering = graphql(`
  query CatalogueOffering($id: ID!) {
    offering(id: $id) {
      id
      title
      summary
      description
      status
      features
      benefits
      priceText
      pricePence
      pricingUnit
      priceTiers {
        fromQuantity
        pricePence
      }
      cpvCodes {
        code8
        label
      }
      regions {
        code
        name
      }
      frameworkLot {
        number
        title
        framework {
          name
        }
      }
      publishedAt
      updatedAt
      viewerCanManage
      supplier {
        id
        name
        description
        isSme
        isHighGrowth
        supplierSize
        sizeReason
        growthReason
        regionsServed {
          code
          name
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  if (!isLocalId(event.params.id)) error(404, "Page not found");
  const { offering } = await execute(event, Offering, { id: toGlobalId("Offering", event.params.id) });
  if (!offering) error(404, "Page not found");
  return { offering };
};
