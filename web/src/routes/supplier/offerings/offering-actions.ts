// Publishing and withdrawing, the same from the list of offerings and from an offering's own page.
import { redirect, type RequestEvent } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure, text } from "$lib/server/forms";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";

const PublishOffering = graphql(
  `
    mutation PublishOffering($input: OfferingIdInput!) {
      publishOffering(input: $input) {
        __typename
        ... on PublishOfferingSuccess {
          data {
            id
            title
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const WithdrawOffering = graphql(
  `
    mutation WithdrawOffering($input: OfferingIdInput!) {
      withdrawOffering(input: $input) {
        __typename
        ... on WithdrawOfferingSuccess {
          data {
            id
            title
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

/** Publishes the offering named by the form's `id`, then goes to `back` with a message. */
export async function publishAction(event: RequestEvent, back: string) {
  const id = text(await event.request.formData(), "id");
  const { publishOffering } = await execute(event, PublishOffering, { input: { id } });
  if (publishOffering.__typename !== "PublishOfferingSuccess") return formFailure(publishOffering, { form: "publish" });
  setFlash(event.cookies, event.url, {
    title: `‘${publishOffering.data.title}’ is published`,
    body: "Buyers can now find it in the catalogue.",
  });
  redirect(303, back);
}

/** Withdraws the offering named by the form's `id`, then goes to `back` with a message. */
export async function withdrawAction(event: RequestEvent, back: string) {
  const id = text(await event.request.formData(), "id");
  const { withdrawOffering } = await execute(event, WithdrawOffering, { input: { id } });
  if (withdrawOffering.__typename !== "WithdrawOfferingSuccess") return formFailure(withdrawOffering, { form: "withdraw" });
  setFlash(event.cookies, event.url, {
    title: `‘${withdrawOffering.data.title}’ is withdrawn`,
    body: "It is no longer in the catalogue. You can publish it again at any time.",
  });
  redirect(303, back);
}
