// Set-up for the matching journeys through the GraphQL API, so a test can publish a tender in a few
// calls instead of walking through the tender pages (which other tests cover). Each helper speaks as
// one person: a request context with its own cookies, or a page's own `page.request` (then the page's
// browser is signed in as that person too).
import { randomInt } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { companiesHouseNumber, newPerson, PASSWORD, type Person } from "./journeys.ts";

const DAY = 24 * 60 * 60 * 1000;

type Result = { __typename: string; data?: Record<string, unknown>; message?: string };

/** Runs one GraphQL operation as the person behind `api` and returns its data (failing on any error). */
export async function gql<T = Record<string, unknown>>(
  api: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await api.post("/graphql", { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${query.slice(0, 60)}: ${JSON.stringify(body)}`);
  return body.data;
}

/** Runs a mutation whose result is a union and returns the success member's `data`. */
async function mutate(api: APIRequestContext, query: string, variables: Record<string, unknown>) {
  const data = await gql<Record<string, Result>>(api, query, variables);
  const result = Object.values(data)[0];
  if (!result?.__typename.endsWith("Success")) throw new Error(`${query.slice(0, 60)} failed: ${JSON.stringify(data)}`);
  return result.data as { id: string } & Record<string, unknown>;
}

/** Creates an account and signs in as it. */
export async function signUpThroughApi(api: APIRequestContext, name: string): Promise<Person> {
  const person = newPerson(name);
  await mutate(
    api,
    `mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on SignUpSuccess { data { id } } ... on Error { message } } }`,
    { input: { ...person, password: PASSWORD } },
  );
  return person;
}

/** Registers a real council nobody has registered yet (chosen at random among a few tries); returns its name. */
export async function registerCouncilThroughApi(api: APIRequestContext): Promise<{ id: string; name: string }> {
  const { councils } = await gql<{ councils: { gssCode: string; name: string }[] }>(api, `{ councils { gssCode name } }`);
  for (let attempt = 0; attempt < 20; attempt++) {
    const council = councils[randomInt(councils.length)]!;
    const data = await gql<{ registerOrganisation: Result }>(
      api,
      `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) {
         __typename ... on RegisterOrganisationSuccess { data { id name } } ... on Error { message } } }`,
      { input: { kind: "COUNCIL", gssCode: council.gssCode } },
    );
    if (data.registerOrganisation.__typename === "RegisterOrganisationSuccess")
      return data.registerOrganisation.data as { id: string; name: string };
  }
  throw new Error("no unregistered council found");
}

/** Registers a supplier with CPV capabilities, a description and a year of figures that make it a small SME. */
export async function registerSupplierThroughApi(
  api: APIRequestContext,
  supplier: { name: string; regions: string[]; cpvCodes: string[]; description: string },
): Promise<{ id: string }> {
  const organisation = await mutate(
    api,
    `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) {
       __typename ... on RegisterOrganisationSuccess { data { id } } ... on Error { message } } }`,
    {
      input: {
        kind: "SUPPLIER",
        name: supplier.name,
        companiesHouseNumber: companiesHouseNumber(),
        regionsServed: supplier.regions,
      },
    },
  );
  await mutate(
    api,
    `mutation($input: UpdateSupplierProfileInput!) { updateSupplierProfile(input: $input) {
       __typename ... on UpdateSupplierProfileSuccess { data { id } } ... on Error { message } } }`,
    {
      input: { organisationId: organisation.id, capabilityCpvCodes: supplier.cpvCodes, description: supplier.description },
    },
  );
  await mutate(
    api,
    `mutation($input: RecordSupplierYearInput!) { recordSupplierYear(input: $input) {
       __typename ... on RecordSupplierYearSuccess { data { id } } ... on Error { message } } }`,
    {
      input: {
        organisationId: organisation.id,
        year: new Date().getUTCFullYear() - 1,
        headcount: 18,
        turnoverPence: 150_000_000,
        balanceSheetPence: 60_000_000,
      },
    },
  );
  return organisation;
}

/** Creates and publishes an open tender for the signed-in buyer's council; returns its global id and database id. */
export async function publishTenderThroughApi(
  api: APIRequestContext,
  tender: { title: string; description: string; cpvCodes: string[]; itl1Code: string | null },
): Promise<{ id: string; dbId: string }> {
  const now = Date.now();
  const draft = await mutate(
    api,
    `mutation($input: TenderInput!) { createTender(input: $input) {
       __typename ... on CreateTenderSuccess { data { id } } ... on Error { message } } }`,
    {
      input: {
        ...tender,
        procedure: "OPEN",
        valuePence: 20_000_000,
        suitableForSme: true,
        clarificationDeadline: new Date(now + 20 * DAY).toISOString(),
        submissionDeadline: new Date(now + 30 * DAY).toISOString(),
        lots: [{ title: "The whole service", description: "Everything described above." }],
        criteria: [
          { kind: "PRICE", title: "Price", weight: 40 },
          { kind: "QUALITY", title: "How you will do the work", weight: 60 },
        ],
      },
    },
  );
  await mutate(
    api,
    `mutation($id: ID!) { publishTender(id: $id) {
       __typename ... on PublishTenderSuccess { data { id } }
       ... on TenderNotReadyError { message checks { code message } } ... on Error { message } } }`,
    { id: draft.id },
  );
  return { id: draft.id, dbId: Buffer.from(draft.id, "base64").toString("utf8").split(":")[1]! };
}
