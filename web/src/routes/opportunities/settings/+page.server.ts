import { redirect } from "@sveltejs/kit";
import type { PageServerLoad } from "./$types";

// The daily match digest links here ("change what you are told about"); the settings live with the
// supplier's other pages.
export const load: PageServerLoad = ({ url }) => {
  redirect(301, `/supplier/alerts${url.search}`);
};
