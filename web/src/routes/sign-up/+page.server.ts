import { redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure, text } from "$lib/server/forms";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import type { Actions, PageServerLoad } from "./$types";

const SignUp = graphql(
  `
    mutation SignUp($input: SignUpInput!) {
      signUp(input: $input) {
        __typename
        ... on SignUpSuccess {
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

export const load: PageServerLoad = ({ locals }) => {
  if (locals.viewer) redirect(303, "/dashboard");
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = { name: text(data, "name"), email: text(data, "email") };
    const { signUp } = await execute(event, SignUp, { input: { ...values, password: String(data.get("password") ?? "") } });
    if (signUp.__typename !== "SignUpSuccess") return formFailure(signUp, values);
    setFlash(event.cookies, event.url, {
      title: "Your account has been created",
      body: "Now tell us which council or company you work for.",
    });
    redirect(303, "/organisations/new");
  },
};
