import { redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { execute, graphql } from "$lib/server/graphql";
import type { Actions, PageServerLoad } from "./$types";

const SignOut = graphql(`
  mutation SignOut {
    signOut
  }
`);

// Signing out changes state, so it is a POST (the button in the header); a GET shows that button alone.
export const load: PageServerLoad = ({ locals }) => {
  if (!locals.viewer) redirect(303, "/");
};

export const actions: Actions = {
  default: async (event) => {
    await execute(event, SignOut);
    setFlash(event.cookies, event.url, { title: "You have signed out" });
    redirect(303, "/");
  },
};
