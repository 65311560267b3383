import { fieldId, type FormErrors } from "$lib/forms";
import { findCpvCode } from "$lib/server/cpv";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import type { PageServerLoad } from "./$types";
import { fieldForIssue, readSearchForm, searchVariables } from "./search-form";

// The public catalogue search: anyone, signed in or not. The GET form's fields are the address, so
// the load function does all the work and the page has no actions.

const SearchCatalogue = graphql(
  `
    query SearchCatalogue($query: String, $filter: CatalogueFilter, $first: Int, $after: String, $before: String) {
      searchCatalogue(query: $query, filter: $filter, first: $first, after: $after, before: $before) {
        __typename
        ... on CatalogueSearch {
          totalCount
          countsAreExact
          order
          corrections {
            word
            suggestions
          }
          pageInfo {
            hasNextPage
            hasPreviousPage
            startCursor
            endCursor
          }
          edges {
            node {
              id
              title
              summary
              priceText
              regions {
                code
                name
              }
              supplier {
                id
                name
                isSme
                isHighGrowth
                supplierSize
              }
            }
          }
          facets {
            cpv {
              value
              label
              count
              selected
            }
            regions {
              value
              label
              count
              selected
            }
            pricingUnits {
              value
              label
              count
              selected
            }
            priceBands {
              minPricePence
              maxPricePence
              label
              count
              selected
            }
            smeOnly {
              count
            }
            highGrowthOnly {
              count
            }
            frameworks {
              value
              label
              count
              selected
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

/** The chosen CPV codes with their labels (a code the vocabulary lacks is left for the API to point out). */
async function chosenCpvCodes(event: Parameters<PageServerLoad>[0], codes: string[]) {
  const found = await Promise.all(
    codes.map(async (code) => {
      const digits = code.replace(/\s+/g, "").replace(/-\d$/, "");
      if (!/^\d{8}$/.test(digits)) return null;
      return findCpvCode(event, digits);
    }),
  );
  return found.filter((c) => c !== null);
}

export const load: PageServerLoad = async (event) => {
  const form = readSearchForm(event.url.searchParams);
  // Prices that are not amounts are left out of the search (and pointed out), so results still show.
  const { variables, errors: fields } = searchVariables(form);
  const chosenCpv = await chosenCpvCodes(event, [...form.cpv, form.cpvCode]);
  const pageLevel: string[] = [];

  let { searchCatalogue: result } = await execute(event, SearchCatalogue, variables);
  if (result.__typename !== "CatalogueSearch") {
    const issues = result.__typename === "ValidationError" ? result.issues : [];
    if (!issues.length) pageLevel.push(result.message);
    for (const issue of issues) {
      const field = fieldForIssue(issue.path);
      if (field) fields[field] ??= issue.message;
      else pageLevel.push(issue.message);
    }
    // Search again without what was wrong, so the page still shows results and filters beside the errors.
    const { filter } = variables;
    const again = {
      ...variables,
      query: fields.q ? null : variables.query,
      filter: {
        ...filter,
        cpvCodes: fields.cpvCode ? chosenCpv.map((c) => c.code8) : filter.cpvCodes,
        regions: fields.region ? null : filter.regions,
        minPricePence: fields.minPrice || fields.maxPrice ? null : filter.minPricePence,
        maxPricePence: fields.minPrice || fields.maxPrice ? null : filter.maxPricePence,
        pricingUnits: fields.unit ? null : filter.pricingUnits,
        frameworks: fields.framework ? null : filter.frameworks,
      },
      after: pageLevel.length ? null : variables.after,
      before: pageLevel.length ? null : variables.before,
    };
    ({ searchCatalogue: result } = await execute(event, SearchCatalogue, again));
  }
  const errors = Object.keys(fields).length || pageLevel.length ? errorsFor(fields, pageLevel) : null;
  return { form, chosenCpv, search: result.__typename === "CatalogueSearch" ? result : null, errors };
};

function errorsFor(fields: Record<string, string>, pageLevel: string[] = []): FormErrors {
  return {
    summary: [
      ...pageLevel.map((text) => ({ text })),
      ...Object.entries(fields).map(([name, text]) => ({ text, href: `#${fieldId(name)}` })),
    ],
    fields,
  };
}
