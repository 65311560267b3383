// Shared by the tendering pages: the tender a page is about, and which of the viewer's organisations
// acts on it.
import { error } from "@sveltejs/kit";
import { isLocalId, toGlobalId } from "$lib/global-id";
import type { Viewer } from "$lib/server/viewer";

/** The Tender global id for the page's [id] (a database id); "Page not found" for anything else. */
export function tenderIdParam(param: string): string {
  return idParam("Tender", param);
}

/** The global id for an object named in a page address ([id], [bidId]) or a form; "Page not found" otherwise. */
export function idParam(typename: string, param: string): string {
  if (!isLocalId(param)) error(404, "Page not found");
  return toGlobalId(typename, param);
}

/** The supplier the viewer bids for: the first one where they may bid (null for council people). */
export function viewerSupplierId(viewer: Viewer | null): string | null {
  const membership = viewer?.memberships.find(
    (m) => m.organisation.kind === "SUPPLIER" && (m.role === "ADMIN" || m.role === "BIDDER"),
  );
  return membership?.organisation.id ?? null;
}

/**
 * The API's error with its field issues renamed for a page with several forms of the same kind (one
 * answer box per question): `{ answer: "answer.<id>" }` puts the message beside the right box.
 */
export function renameIssues<E extends object>(error: E, names: Record<string, string>): E {
  if (!("issues" in error) || !Array.isArray(error.issues)) return error;
  const issues = error.issues as { path: readonly string[]; message: string }[];
  return {
    ...error,
    issues: issues.map((issue) => {
      const renamed = names[issue.path.join(".")];
      return renamed ? { ...issue, path: renamed.split(".") } : issue;
    }),
  };
}
