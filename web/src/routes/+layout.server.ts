import type { LayoutServerLoad } from "./$types";
import { takeFlash } from "$lib/server/flash";

export const load: LayoutServerLoad = ({ locals, cookies, url }) => {
  // Reading the URL makes SvelteKit run this again on every navigation, so a flash message shows on
  // one page only and the header follows the session (the viewer is looked up per request anyway).
  void url.pathname;
  void url.search;
  return { viewer: locals.viewer, flash: takeFlash(cookies, url) };
};
