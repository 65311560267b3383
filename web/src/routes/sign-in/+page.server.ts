import { redirect } from "@sveltejs/kit";
import { safeReturnTo } from "$lib/server/guards";
import { formFailure, text } from "$lib/server/forms";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import type { Actions, PageServerLoad } from "./$types";

const SignIn = graphql(
  `
    mutation SignIn($input: SignInInput!) {
      signIn(input: $input) {
        __typename
        ... on SignInSuccess {
          data {
            id
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const load: PageServerLoad = ({ locals, url }) => {
  const returnTo = safeReturnTo(url.searchParams.get("returnTo"));
  if (locals.viewer) redirect(303, returnTo);
  return { returnTo };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = { email: text(data, "email") };
    const { signIn } = await execute(event, SignIn, { input: { ...values, password: String(data.get("password") ?? "") } });
    if (signIn.__typename !== "SignInSuccess") return formFailure(signIn, values);
    redirect(303, safeReturnTo(text(data, "returnTo")));
  },
};
