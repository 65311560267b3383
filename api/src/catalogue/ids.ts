import { decodeGlobalID } from "@pothos/plugin-relay";
import type { FieldIssue } from "../errors.ts";

/**
 * The database id inside a Relay global ID of the given type, or a field issue at `path` (the input's
 * field name), so a form can show it beside the field.
 */
export function decodeId(raw: string, typename: string, path: string): { id: string } | { issue: FieldIssue } {
  try {
    const decoded = decodeGlobalID(raw);
    if (decoded.typename === typename && decoded.id) return { id: decoded.id };
  } catch {
    // Not base64 text at all: the same answer as a wrong type.
  }
  return {
    issue: { path: path.split("."), message: `Choose a valid ${typename.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}` },
  };
}
