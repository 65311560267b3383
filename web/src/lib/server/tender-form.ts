// Reading, checking and sending the tender form (pages /tenders/new and /tenders/<id>/edit). The form
// posts the whole tender each time, as createTender and updateTender take it. Buttons that change the
// form itself (add or remove a lot or criterion, search CPV codes) post to the `change` action, which
// sends the form back with the change made and saves nothing.
import { fail, type RequestEvent } from "@sveltejs/kit";
import { parseDateTime, type DateTimeParts } from "$lib/dates";
import { fieldId, type FormErrors } from "$lib/forms";
import { parsePounds } from "$lib/pounds";
import { toFormErrors, type ErrorMember } from "$lib/server/forms";
import { searchCpvCodes } from "$lib/server/cpv";
import { ErrorFields, graphql, type VariablesOf } from "$lib/server/graphql";
import {
  EMPTY_CRITERION,
  EMPTY_LOT,
  type CpvChoice,
  type CriterionRow,
  type LotRow,
  type TenderFormValues,
} from "$lib/tender-form";

const MAX_CPV_RESULTS = 15;

export const TenderRegions = graphql(`
  query TenderRegions {
    regions {
      code
      name
    }
  }
`);

export const CreateTender = graphql(
  `
    mutation CreateTender($input: TenderInput!) {
      createTender(input: $input) {
        __typename
        ... on CreateTenderSuccess {
          data {
            id
            title
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const UpdateTender = graphql(
  `
    mutation UpdateTender($id: ID!, $input: TenderInput!) {
      updateTender(id: $id, input: $input) {
        __typename
        ... on UpdateTenderSuccess {
          data {
            id
            title
            status
            version
            bidCount
          }
        }
        ... on TenderNotReadyError {
          checks {
            path
            message
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

/** The input createTender and updateTender take. */
export type TenderInput = VariablesOf<typeof CreateTender>["input"];

/** A readiness check as the API lists it with TenderNotReadyError. */
interface ReadinessCheck {
  path: readonly string[];
  message: string;
}

/** The form's fields from a submission. */
export function readTenderForm(data: FormData): TenderFormValues {
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const rows = (prefix: string) => {
    const indexes = new Set<number>();
    for (const key of data.keys()) {
      const match = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key);
      if (match) indexes.add(Number(match[1]));
    }
    return [...indexes].sort((a, b) => a - b);
  };
  const dateTime = (name: string): DateTimeParts => ({
    day: text(`${name}-day`),
    month: text(`${name}-month`),
    year: text(`${name}-year`),
    time: text(`${name}-time`),
  });
  const codes = data.getAll("cpvCodes").filter((v): v is string => typeof v === "string" && v !== "");
  const cpvCodes: CpvChoice[] = [...new Set(codes)].map((code8) => ({ code8, label: text(`cpvLabel-${code8}`) }));
  const lots: LotRow[] = rows("lots").map((i) => ({
    id: text(`lots.${i}.id`),
    title: text(`lots.${i}.title`),
    description: text(`lots.${i}.description`),
    value: text(`lots.${i}.value`),
  }));
  const criteria: CriterionRow[] = rows("criteria").map((i) => ({
    id: text(`criteria.${i}.id`),
    kind: text(`criteria.${i}.kind`) === "PRICE" ? "PRICE" : "QUALITY",
    title: text(`criteria.${i}.title`),
    description: text(`criteria.${i}.description`),
    weight: text(`criteria.${i}.weight`),
  }));
  return {
    title: text("title"),
    description: text("description"),
    procedure: text("procedure"),
    cpvCodes,
    cpvSearch: text("cpvSearch"),
    itl1Code: text("itl1Code"),
    value: text("value"),
    suitableForSme: text("suitableForSme") === "no" ? "no" : "yes",
    clarificationDeadline: dateTime("clarificationDeadline"),
    submissionDeadline: dateTime("submissionDeadline"),
    lots,
    criteria,
  };
}

/** Checks what the API cannot (amounts in pounds, dates, whole numbers) and builds its input. */
export function toTenderInput(values: TenderFormValues): { input: TenderInput } | { fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  if (!values.procedure) fields.procedure = "Select the procedure";
  const value = values.value ? parsePounds(values.value) : null;
  if (values.value && value === null) fields.value = "Enter the estimated value in pounds, like 250000 or 250000.50";
  const clarification = parseDateTime(values.clarificationDeadline, "The clarification deadline");
  if ("error" in clarification) fields.clarificationDeadline = clarification.error;
  const submission = parseDateTime(values.submissionDeadline, "The submission deadline");
  if ("error" in submission) fields.submissionDeadline = submission.error;
  const lots = values.lots.map((lot, i) => {
    const lotValue = lot.value ? parsePounds(lot.value) : null;
    if (lot.value && lotValue === null) fields[`lots.${i}.value`] = `Enter the value of lot ${i + 1} in pounds, like 50000`;
    return {
      id: lot.id || null,
      title: lot.title,
      description: lot.description,
      valuePence: lotValue,
    };
  });
  const criteria = values.criteria.map((criterion, i) => {
    const weight = criterion.weight.trim();
    if (!/^\d{1,3}$/.test(weight) || Number(weight) > 100)
      fields[`criteria.${i}.weight`] = `Enter the weight of criterion ${i + 1} as a whole number from 0 to 100`;
    return {
      id: criterion.id || null,
      kind: criterion.kind,
      title: criterion.title,
      description: criterion.description,
      weight: Number(weight) || 0,
    };
  });
  if (Object.keys(fields).length > 0 || "error" in clarification || "error" in submission) return { fields };
  return {
    input: {
      title: values.title,
      description: values.description,
      procedure: values.procedure as TenderInput["procedure"],
      cpvCodes: values.cpvCodes.map((c) => c.code8),
      itl1Code: values.itl1Code || null,
      valuePence: value,
      suitableForSme: values.suitableForSme === "yes",
      clarificationDeadline: clarification.date.toISOString(),
      submissionDeadline: submission.date.toISOString(),
      lots,
      criteria,
    },
  };
}

// API field names that the form calls something else.
function formFieldName(path: readonly string[]): string {
  const [first, index, field] = path;
  if (first === "valuePence") return "value";
  if (first === "cpvCodes") return "cpvCodes";
  if ((first === "lots" || first === "criteria") && index !== undefined && field !== undefined)
    return `${first}.${index}.${field === "valuePence" ? "value" : field}`;
  return path.join(".");
}

/** The page's errors for an API error, including the readiness refusals of an amendment. */
export function tenderFormErrors(error: ErrorMember & { checks?: readonly ReadinessCheck[] }): FormErrors {
  const issues = error.issues ?? error.checks?.map((c) => ({ path: c.path, message: c.message }));
  if (!issues?.length) return toFormErrors(error);
  return toFormErrors({ ...error, issues: issues.map((i) => ({ path: formFieldName(i.path).split("."), message: i.message })) });
}

/** Fails the save with errors found before calling the API. */
export function invalidTender(values: TenderFormValues, fields: Record<string, string>) {
  const summary = Object.entries(fields).map(([name, text]) => ({ text, href: `#${fieldId(name)}` }));
  return fail(400, { values, errors: { summary, fields } satisfies FormErrors, cpvResults: [] as CpvChoice[] });
}

/** Fails the save with the API's error. */
export function tenderFailure(values: TenderFormValues, error: ErrorMember & { checks?: readonly ReadinessCheck[] }) {
  const status = error.__typename === "ForbiddenError" ? 403 : error.__typename === "NotFoundError" ? 404 : 400;
  return fail(status, { values, errors: tenderFormErrors(error), cpvResults: [] as CpvChoice[] });
}

/**
 * The `change` action: applies the button pressed (add-lot, remove-lot-<i>, add-criterion,
 * remove-criterion-<i>, search-cpv) and sends the form back unsaved, with CPV search results if asked.
 */
export async function changeTenderForm(event: RequestEvent) {
  const data = await event.request.formData();
  const values = readTenderForm(data);
  const change = typeof data.get("change") === "string" ? String(data.get("change")) : "";
  let cpvResults: CpvChoice[] = [];
  let focus = "";

  const removeAt = (prefix: string) => Number(change.slice(prefix.length));
  if (change === "add-lot") {
    values.lots.push({ ...EMPTY_LOT });
    focus = `lots-${values.lots.length - 1}-title`;
  } else if (change.startsWith("remove-lot-") && values.lots.length > 1) {
    values.lots.splice(removeAt("remove-lot-"), 1);
    focus = "lots";
  } else if (change === "add-criterion") {
    values.criteria.push({ ...EMPTY_CRITERION });
    focus = `criteria-${values.criteria.length - 1}-title`;
  } else if (change.startsWith("remove-criterion-")) {
    values.criteria.splice(removeAt("remove-criterion-"), 1);
    focus = "criteria";
  } else if (change === "search-cpv") {
    // Enter in any field presses the form's first button, which is this one: with nothing to search
    // for, it changes nothing rather than complain about a field the person never touched.
    if (values.cpvSearch) {
      const chosen = new Set(values.cpvCodes.map((c) => c.code8));
      const cpvCodes = await searchCpvCodes(event, values.cpvSearch, MAX_CPV_RESULTS + chosen.size);
      cpvResults = cpvCodes.filter((c) => !chosen.has(c.code8)).slice(0, MAX_CPV_RESULTS);
      focus = "cpv-results";
    }
  }
  return { values, errors: null as FormErrors | null, cpvResults, focus };
}
