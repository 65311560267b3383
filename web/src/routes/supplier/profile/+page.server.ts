import { error, redirect } from "@sveltejs/kit";
import { parsePounds } from "$lib/pounds";
import { setFlash } from "$lib/server/flash";
import { formFailure, invalid, list, text } from "$lib/server/forms";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import { currentSupplier } from "../current-supplier";
import { findCpvCodes, withTickedCodes } from "../cpv-finder";
import { issuesOnFields, lines } from "../issue-fields";
import type { Actions, PageServerLoad } from "./$types";

// The supplier's own profile: yearly figures (from which the API derives size and growth, with the
// reasons) and the details buyers read. Three forms, each a POST that redirects back here.

const Profile = graphql(`
  query SupplierProfile($id: ID!) {
    supplier(id: $id) {
      id
      name
      description
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
    }
    regions {
      code
      name
    }
    commonAccreditations {
      name
      description
    }
  }
`);

const UpdateProfile = graphql(
  `
    mutation UpdateSupplierProfile($input: UpdateSupplierProfileInput!) {
      updateSupplierProfile(input: $input) {
        __typename
        ... on UpdateSupplierProfileSuccess {
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

const RecordYear = graphql(
  `
    mutation RecordSupplierYear($input: RecordSupplierYearInput!) {
      recordSupplierYear(input: $input) {
        __typename
        ... on RecordSupplierYearSuccess {
          data {
            id
            sizeReason
            growthReason
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const RemoveYear = graphql(
  `
    mutation RemoveSupplierYear($input: RemoveSupplierYearInput!) {
      removeSupplierYear(input: $input) {
        __typename
        ... on RemoveSupplierYearSuccess {
          data {
            id
            sizeReason
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const load: PageServerLoad = async (event) => {
  const current = currentSupplier(event);
  const { supplier, regions, commonAccreditations } = await execute(event, Profile, { id: current.id });
  if (!supplier) error(404, "Page not found");
  return { supplier, regions, commonAccreditations, query: current.query };
};

/** The profile form's values as sent, with codes ticked in "Find CPV codes" added to the list. */
function profileValues(data: FormData) {
  return {
    form: "profile" as const,
    description: text(data, "description"),
    regionsServed: list(data, "regionsServed"),
    capabilityCpvCodes: withTickedCodes(text(data, "capabilityCpvCodes"), list(data, "addCpvCodes")),
    accreditations: list(data, "accreditations"),
    otherAccreditations: text(data, "otherAccreditations"),
  };
}

export const actions: Actions = {
  findCpv: async (event) => {
    currentSupplier(event);
    const data = await event.request.formData();
    const cpvSearch = text(data, "cpvSearch");
    return { values: profileValues(data), errors: null, cpvSearch, cpvMatches: await findCpvCodes(event, cpvSearch) };
  },

  profile: async (event) => {
    const current = currentSupplier(event);
    const data = await event.request.formData();
    const values = profileValues(data);
    const others = lines(values.otherAccreditations);
    const { updateSupplierProfile } = await execute(event, UpdateProfile, {
      input: {
        organisationId: current.id,
        description: values.description,
        regionsServed: values.regionsServed,
        // Codes may be typed a line each or separated by commas or spaces.
        capabilityCpvCodes: values.capabilityCpvCodes.split(/[\s,;]+/).filter(Boolean),
        accreditations: [...values.accreditations, ...others],
      },
    });
    if (updateSupplierProfile.__typename !== "UpdateSupplierProfileSuccess") {
      const problem = issuesOnFields(updateSupplierProfile, {
        regionsServed: "regionsServed",
        capabilityCpvCodes: "capabilityCpvCodes",
        accreditations: others.length ? "otherAccreditations" : "accreditations",
      });
      return formFailure(problem, values);
    }
    setFlash(event.cookies, event.url, { title: "Your profile has been saved" });
    redirect(303, `/supplier/profile${current.query}`);
  },

  addYear: async (event) => {
    const current = currentSupplier(event);
    const data = await event.request.formData();
    const values = {
      form: "year" as const,
      year: text(data, "year"),
      headcount: text(data, "headcount"),
      turnover: text(data, "turnover"),
      balanceSheet: text(data, "balanceSheet"),
    };
    // The API checks the figures themselves; the page first makes sure they are numbers at all.
    const problems: Record<string, string> = {};
    const year = /^\d{4}$/.test(values.year) ? Number(values.year) : null;
    if (year === null) problems.year = values.year ? "Enter the year as 4 digits, like 2025" : "Enter the year";
    const headcount = /^\d+$/.test(values.headcount.replace(/,/g, "")) ? Number(values.headcount.replace(/,/g, "")) : null;
    if (headcount === null)
      problems.headcount = values.headcount
        ? "Enter the number of staff as a whole number, like 12"
        : "Enter the number of staff";
    const turnover = parsePounds(values.turnover);
    if (turnover === null)
      problems.turnover = values.turnover ? "Enter turnover in pounds, like 1250000" : "Enter turnover for the year";
    const balanceSheet = parsePounds(values.balanceSheet);
    if (balanceSheet === null)
      problems.balanceSheet = values.balanceSheet
        ? "Enter the balance sheet total in pounds, like 500000"
        : "Enter the balance sheet total for the year";
    if (year === null || headcount === null || turnover === null || balanceSheet === null) return invalid(values, problems);

    const { recordSupplierYear } = await execute(event, RecordYear, {
      input: { organisationId: current.id, year, headcount, turnoverPence: turnover, balanceSheetPence: balanceSheet },
    });
    if (recordSupplierYear.__typename !== "RecordSupplierYearSuccess") {
      const problem = issuesOnFields(recordSupplierYear, { turnoverPence: "turnover", balanceSheetPence: "balanceSheet" });
      return formFailure(problem, values);
    }
    setFlash(event.cookies, event.url, {
      title: `Figures for ${year} recorded`,
      body: recordSupplierYear.data.sizeReason ?? undefined,
    });
    redirect(303, `/supplier/profile${current.query}`);
  },

  removeYear: async (event) => {
    const current = currentSupplier(event);
    const data = await event.request.formData();
    const id = text(data, "id");
    const year = text(data, "year");
    const { removeSupplierYear } = await execute(event, RemoveYear, { input: { id } });
    if (removeSupplierYear.__typename !== "RemoveSupplierYearSuccess") return formFailure(removeSupplierYear, { form: "remove" });
    setFlash(event.cookies, event.url, { title: `Figures for ${year} removed` });
    redirect(303, `/supplier/profile${current.query}`);
  },
};
