import { error, redirect } from "@sveltejs/kit";
import { findCpvCode, searchCpvCodes } from "$lib/server/cpv";
import { setFlash } from "$lib/server/flash";
import { formFailure, invalid, list, text, type ErrorMember } from "$lib/server/forms";
import { requireMembership } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import type { Actions, PageServerLoad, RequestEvent } from "./$types";
import { parsePounds, poundsInput } from "$lib/pounds";
import { FIELD_OF_INPUT, parseCodes, type AlertFormValues } from "./alert-form";

// A supplier's alert settings: which matched tenders it is told about (CPV codes, regions, a value
// range) and whether by a daily email. One POST form; finding a CPV code is a GET search beside it.
// People in several suppliers choose one with ?organisation=, as on the supplier's other pages.

const CPV_RESULTS = 10;

const AlertSettings = graphql(`
  query AlertSettings($id: ID!) {
    regions {
      code
      name
    }
    supplier(id: $id) {
      id
      name
      capabilities {
        code8
        label
      }
      alertSettings {
        cpvCodes
        regions {
          code
        }
        minValuePence
        maxValuePence
        emailDigest
      }
    }
  }
`);

const UpdateAlertSettings = graphql(
  `
    mutation UpdateAlertSettings($input: UpdateAlertSettingsInput!) {
      updateAlertSettings(input: $input) {
        __typename
        ... on UpdateAlertSettingsSuccess {
          data {
            cpvCodes
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

/** The supplier chosen by ?organisation= (or the viewer's first), with "?organisation=..." for links when there are several. */
function currentSupplier(event: Pick<RequestEvent, "locals" | "url">) {
  const viewer = requireMembership(event);
  const suppliers = viewer.memberships.filter((m) => m.organisation.kind === "SUPPLIER");
  const chosen = event.url.searchParams.get("organisation");
  const membership = suppliers.find((m) => m.organisation.id === chosen) ?? suppliers[0];
  if (!membership) error(403, "Only suppliers have alert settings");
  return {
    id: membership.organisation.id,
    suppliers: suppliers.map((m) => m.organisation),
    query: suppliers.length > 1 ? `organisation=${encodeURIComponent(membership.organisation.id)}` : "",
  };
}

/** Labels for codes, looked up one by one (a handful at most); codes the vocabulary lacks get none. */
async function labelCodes(event: RequestEvent, codes: readonly string[]) {
  return Promise.all(
    codes.map(async (code) => {
      return { code, label: (await findCpvCode(event, code))?.label ?? null };
    }),
  );
}

export const load: PageServerLoad = async (event) => {
  const current = currentSupplier(event);
  const { regions, supplier } = await execute(event, AlertSettings, { id: current.id });
  if (!supplier) error(404, "Page not found");
  const settings = supplier.alertSettings;
  const cpvSearch = (event.url.searchParams.get("cpvSearch") ?? "").trim();
  const found = cpvSearch ? await searchCpvCodes(event, cpvSearch, CPV_RESULTS) : [];
  return {
    supplier: { id: supplier.id, name: supplier.name, capabilities: supplier.capabilities },
    suppliers: current.suppliers,
    query: current.query,
    regions,
    saved: settings !== null,
    savedCodes: await labelCodes(event, settings?.cpvCodes ?? []),
    values: {
      cpvCodes: (settings?.cpvCodes ?? []).join("\n"),
      regions: settings?.regions.map((r) => r.code) ?? [],
      minValue: poundsInput(settings?.minValuePence),
      maxValue: poundsInput(settings?.maxValuePence),
      emailDigest: settings === null || settings.emailDigest ? "yes" : "no",
    } satisfies AlertFormValues,
    cpvSearch,
    found,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const current = currentSupplier(event);
    const data = await event.request.formData();
    const values: AlertFormValues = {
      cpvCodes: text(data, "cpvCodes"),
      regions: list(data, "regions"),
      minValue: text(data, "minValue"),
      maxValue: text(data, "maxValue"),
      emailDigest: text(data, "emailDigest"),
    };
    // Empty means "any value"; anything else must be an amount of money.
    const minValuePence = values.minValue ? parsePounds(values.minValue) : null;
    const maxValuePence = values.maxValue ? parsePounds(values.maxValue) : null;
    const problems: Record<string, string> = {};
    if (values.minValue && minValuePence === null) problems.minValue = "Enter the lowest value as an amount of money, like 50000";
    if (values.maxValue && maxValuePence === null)
      problems.maxValue = "Enter the highest value as an amount of money, like 500000";
    if (minValuePence !== null && maxValuePence !== null && minValuePence > maxValuePence)
      problems.maxValue = "The highest value must be at least the lowest";
    if (values.emailDigest !== "yes" && values.emailDigest !== "no")
      problems.emailDigest = "Select whether you want a daily email of new opportunities";
    if (Object.keys(problems).length) return invalid(values, problems);

    const { updateAlertSettings: result } = await execute(event, UpdateAlertSettings, {
      input: {
        supplierId: current.id,
        cpvCodes: parseCodes(values.cpvCodes),
        regions: values.regions,
        minValuePence,
        maxValuePence,
        emailDigest: values.emailDigest === "yes",
      },
    });
    if (result.__typename !== "UpdateAlertSettingsSuccess") return formFailure(onFormFields(result), values);
    setFlash(event.cookies, event.url, {
      title: "Your alert settings are saved",
      body: "They apply to tenders matched from now on.",
    });
    redirect(303, `/supplier/alerts${current.query ? `?${current.query}` : ""}`);
  },
};

/** The API's issues ("cpvCodes.2", "maxValuePence") moved onto the form's fields ("cpvCodes", "maxValue"). */
function onFormFields(error: ErrorMember): ErrorMember {
  if (!error.issues) return error;
  return {
    ...error,
    issues: error.issues.map((issue) => {
      const field = issue.path[0] === undefined ? undefined : FIELD_OF_INPUT[issue.path[0]];
      return field ? { ...issue, path: [field] } : issue;
    }),
  };
}
