// Shared by form actions (src/lib/server/forms.ts) and form components: what a failed submission
// sends back to the page, and how a field's name becomes the id the error summary links to.

/** One line of the error summary; `href` points at the field, or is absent for a page-level error. */
export interface ErrorItem {
  text: string;
  href?: string;
}

/** The errors of one form submission: the summary at the top and a message per field name. */
export interface FormErrors {
  summary: ErrorItem[];
  fields: Record<string, string>;
}

/** The id of the input for a field name or an API issue path: "email", ["lots", "0", "title"] -> "lots-0-title". */
export function fieldId(path: string | readonly string[]): string {
  return (typeof path === "string" ? path.split(".") : path).join("-");
}

/**
 * The `action` of a form that posts to a named action and keeps the page's query, e.g.
 * formAction("supplier", { kind: "supplier" }) -> "?kind=supplier&/supplier". A bare "?/supplier" would
 * drop the query, so a page rendered after a failed post (no JavaScript) would lose its state.
 */
export function formAction(name: string, query: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return `?${search ? `${search}&` : ""}/${name}`;
}
