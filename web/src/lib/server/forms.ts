// The form pattern: an action reads its fields with `text`/`list`, calls the API, and on an error
// member of the result union returns `formFailure(error, values)`. The page shows
// <ErrorSummary errors={form?.errors} /> and passes `form?.errors?.fields.<name>` to each field, and
// fills the fields back from `form?.values` (never passwords), so it all works without JavaScript.
import { fail } from "@sveltejs/kit";
import { fieldId, type FormErrors } from "$lib/forms";

/** Any member of a mutation's result union other than the success type, as asked for by `ErrorFields`. */
export interface ErrorMember {
  __typename: string;
  message: string;
  code: string;
  issues?: readonly { path: readonly string[]; message: string }[];
}

const STATUS_BY_TYPE: Record<string, number> = {
  ValidationError: 400,
  UnauthenticatedError: 401,
  ForbiddenError: 403,
  NotFoundError: 404,
  ConflictError: 409,
};

/** The errors to show for an API error: field issues beside their fields, anything else at the top. */
export function toFormErrors(error: ErrorMember): FormErrors {
  const fields: Record<string, string> = {};
  const summary: FormErrors["summary"] = [];
  if (error.issues?.length) {
    for (const issue of error.issues) {
      if (issue.path.length === 0) {
        summary.push({ text: issue.message });
        continue;
      }
      const name = issue.path.join(".");
      // The first message for a field is the one to fix first; the summary repeats it with a link.
      if (fields[name]) continue;
      fields[name] = issue.message;
      summary.push({ text: issue.message, href: `#${fieldId(issue.path)}` });
    }
  } else {
    summary.push({ text: error.message });
  }
  return { summary, fields };
}

/** Fails the action with the API's error, sending the entered values back to refill the form. */
export function formFailure<Values>(error: ErrorMember, values: Values) {
  return fail(STATUS_BY_TYPE[error.__typename] ?? 400, { values, errors: toFormErrors(error) });
}

/** Fails the action with errors found before calling the API (e.g. a radio nobody chose). */
export function invalid<Values>(values: Values, fields: Record<string, string>) {
  const summary = Object.entries(fields).map(([name, text]) => ({ text, href: `#${fieldId(name)}` }));
  return fail(400, { values, errors: { summary, fields } satisfies FormErrors });
}

/** A text field from a submitted form, trimmed ("" when missing). */
export function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** All values of a repeated field (checkboxes, multi-selects). */
export function list(data: FormData, name: string): string[] {
  return data.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");
}
