// The tender form's state as the page shows it: every field as the text typed, so a form that comes
// back with errors shows exactly what was entered. Lots and criteria are rows that the "Add another"
// and "Remove" buttons change with a form submission, so the form needs no JavaScript.
import { EMPTY_DATE_TIME, toDateTimeParts, type DateTimeParts } from "$lib/dates";
import { poundsInput } from "$lib/pounds";

export interface CpvChoice {
  code8: string;
  label: string;
}

export interface LotRow {
  id: string;
  title: string;
  description: string;
  value: string;
}

export interface CriterionRow {
  id: string;
  kind: "PRICE" | "QUALITY";
  title: string;
  description: string;
  weight: string;
}

export interface TenderFormValues {
  title: string;
  description: string;
  procedure: string;
  cpvCodes: CpvChoice[];
  cpvSearch: string;
  itl1Code: string;
  value: string;
  suitableForSme: "yes" | "no";
  clarificationDeadline: DateTimeParts;
  submissionDeadline: DateTimeParts;
  lots: LotRow[];
  criteria: CriterionRow[];
}

export const EMPTY_LOT: LotRow = { id: "", title: "", description: "", value: "" };
export const EMPTY_CRITERION: CriterionRow = { id: "", kind: "QUALITY", title: "", description: "", weight: "" };

/** A new tender: one lot, and a price criterion beside a quality one, as most tenders have. */
export function newTenderValues(): TenderFormValues {
  return {
    title: "",
    description: "",
    procedure: "",
    cpvCodes: [],
    cpvSearch: "",
    itl1Code: "",
    value: "",
    suitableForSme: "yes",
    clarificationDeadline: { ...EMPTY_DATE_TIME, time: "12pm" },
    submissionDeadline: { ...EMPTY_DATE_TIME, time: "12pm" },
    lots: [{ ...EMPTY_LOT }],
    criteria: [
      { id: "", kind: "PRICE", title: "Price", description: "", weight: "40" },
      { id: "", kind: "QUALITY", title: "", description: "", weight: "60" },
    ],
  };
}

/** The tender as the API returns it, in the shape the form edits. */
export interface TenderForForm {
  title: string;
  description: string;
  procedure: string;
  cpvCodes: readonly { code8: string; label: string }[];
  itl1Code: string | null;
  valuePence: number | null;
  suitableForSme: boolean;
  clarificationDeadline: string;
  submissionDeadline: string;
  lots: readonly { id: string; title: string; description: string; valuePence: number | null }[];
  criteria: readonly { id: string; kind: "PRICE" | "QUALITY"; title: string; description: string; weight: number }[];
}

/** The form's fields for an existing tender. */
export function tenderFormValues(tender: TenderForForm): TenderFormValues {
  return {
    title: tender.title,
    description: tender.description,
    procedure: tender.procedure,
    cpvCodes: tender.cpvCodes.map((c) => ({ code8: c.code8, label: c.label })),
    cpvSearch: "",
    itl1Code: tender.itl1Code ?? "",
    value: poundsInput(tender.valuePence),
    suitableForSme: tender.suitableForSme ? "yes" : "no",
    clarificationDeadline: toDateTimeParts(tender.clarificationDeadline),
    submissionDeadline: toDateTimeParts(tender.submissionDeadline),
    lots: tender.lots.map((l) => ({
      id: l.id,
      title: l.title,
      description: l.description,
      value: poundsInput(l.valuePence),
    })),
    criteria: tender.criteria.map((c) => ({
      id: c.id,
      kind: c.kind,
      title: c.title,
      description: c.description,
      weight: String(c.weight),
    })),
  };
}

/** The sum of the weights typed so far (rows with no number count as 0). */
export function weightTotal(criteria: readonly CriterionRow[]): number {
  return criteria.reduce((sum, c) => sum + (/^\d+$/.test(c.weight.trim()) ? Number(c.weight.trim()) : 0), 0);
}
