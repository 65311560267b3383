import type { LayoutServerLoad } from "./$types";
import { takeFlash } from "$lib/server/flash";

export const load: LayoutServerLoad = ({ locals, cookies, url }) => ({
  viewer: locals.viewer,
  flash: takeFlash(cookies, url),
});
