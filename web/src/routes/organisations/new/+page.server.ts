import { redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure, invalid, list, text } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import type { Actions, PageServerLoad } from "./$types";

// Registering is two steps that both work without JavaScript: choose the kind (a GET form that sets
// ?kind=), then either find the council (a GET search form, then a POST with its GSS code) or fill in
// the supplier's details (a POST).

const MAX_COUNCILS_SHOWN = 20;

const Councils = graphql(`
  query Councils($search: String) {
    councils(search: $search) {
      gssCode
      name
      type
      region {
        name
      }
    }
  }
`);

const Regions = graphql(`
  query Regions {
    regions {
      code
      name
    }
  }
`);

const RegisterOrganisation = graphql(
  `
    mutation RegisterOrganisation($input: RegisterOrganisationInput!) {
      registerOrganisation(input: $input) {
        __typename
        ... on RegisterOrganisationSuccess {
          data {
            id
            name
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const load: PageServerLoad = async (event) => {
  requireViewer(event);
  const kindParam = event.url.searchParams.get("kind");
  const kind = kindParam === "council" || kindParam === "supplier" ? kindParam : null;
  const search = (event.url.searchParams.get("search") ?? "").trim();

  if (kind === "council") {
    const councils = search ? (await execute(event, Councils, { search })).councils : [];
    return {
      kind,
      search,
      councils: councils.slice(0, MAX_COUNCILS_SHOWN),
      councilsFound: councils.length,
      regions: [],
      kindError: null,
    };
  }
  if (kind === "supplier") {
    const { regions } = await execute(event, Regions);
    return { kind, search: "", councils: [], councilsFound: 0, regions, kindError: null };
  }
  return {
    kind: null,
    search: "",
    councils: [],
    councilsFound: 0,
    regions: [],
    // The kind form sends step=kind, so a submission with nothing chosen can be told from a first visit.
    kindError:
      event.url.searchParams.get("step") === "kind" ? "Select whether you are registering a council or a supplier" : null,
  };
};

export const actions: Actions = {
  council: async (event) => {
    requireViewer(event);
    const data = await event.request.formData();
    const values = { gssCode: text(data, "gssCode") };
    if (!values.gssCode) return invalid(values, { gssCode: "Select your council" });
    const { registerOrganisation } = await execute(event, RegisterOrganisation, {
      input: { kind: "COUNCIL", gssCode: values.gssCode },
    });
    if (registerOrganisation.__typename !== "RegisterOrganisationSuccess") return formFailure(registerOrganisation, values);
    setFlash(event.cookies, event.url, {
      title: `${registerOrganisation.data.name} is registered`,
      body: "You are its administrator.",
    });
    redirect(303, `/dashboard?organisation=${encodeURIComponent(registerOrganisation.data.id)}`);
  },

  supplier: async (event) => {
    requireViewer(event);
    const data = await event.request.formData();
    const values = {
      name: text(data, "name"),
      companiesHouseNumber: text(data, "companiesHouseNumber"),
      website: text(data, "website"),
      regionsServed: list(data, "regionsServed"),
    };
    const { registerOrganisation } = await execute(event, RegisterOrganisation, {
      input: { kind: "SUPPLIER", ...values },
    });
    if (registerOrganisation.__typename !== "RegisterOrganisationSuccess") return formFailure(registerOrganisation, values);
    setFlash(event.cookies, event.url, {
      title: `${registerOrganisation.data.name} is registered`,
      body: "You are its administrator.",
    });
    redirect(303, `/dashboard?organisation=${encodeURIComponent(registerOrganisation.data.id)}`);
  },
};
