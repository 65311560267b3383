// API issue paths point at list items ("regionsServed.2", "features.0"), while a form has one field for
// the whole list (checkboxes, a textarea with a line each). This moves such issues onto their field.
import type { ErrorMember } from "$lib/server/forms";

/** The error with each issue whose path starts with a key of `fields` moved to that field (first message wins). */
export function issuesOnFields<E extends ErrorMember>(error: E, fields: Record<string, string>): E {
  if (!error.issues) return error;
  return {
    ...error,
    issues: error.issues.map((issue) => {
      const [first] = issue.path;
      const field = first === undefined ? undefined : fields[first];
      return field ? { ...issue, path: field.split(".") } : issue;
    }),
  };
}

/** Lines of a textarea as list items: trimmed, empty lines dropped. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
