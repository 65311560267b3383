// Page guards for `load` functions and actions. They throw SvelteKit redirects, so a page reads:
//   const viewer = requireViewer(event);
import { redirect, type RequestEvent } from "@sveltejs/kit";
import type { Viewer } from "$lib/server/viewer";

/** The signed-in person, or a redirect to sign in that comes back to this page afterwards. */
export function requireViewer(event: Pick<RequestEvent, "locals" | "url">): Viewer {
  const viewer = event.locals.viewer;
  if (!viewer) redirect(303, `/sign-in?returnTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  return viewer;
}

/** The viewer with at least one organisation, or a redirect to register one. */
export function requireMembership(event: Pick<RequestEvent, "locals" | "url">): Viewer {
  const viewer = requireViewer(event);
  if (viewer.memberships.length === 0) redirect(303, "/organisations/new");
  return viewer;
}

/** A local path to go back to after signing in; anything else (other sites, "//evil") becomes the fallback. */
export function safeReturnTo(value: string | null | undefined, fallback = "/dashboard"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
