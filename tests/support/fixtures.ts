import { randomUUID } from "node:crypto";
import type { GraphqlClient } from "./harness.ts";

// Fixture builders: each makes a real record through the public API with sensible defaults that a
// test overrides where it matters. Emails and numbers are unique per call so files can run in parallel.

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${randomUUID().slice(0, 8)}`;
}

export const DEFAULT_PASSWORD = "correct horse battery staple";

export async function signUpUser(
  client: GraphqlClient,
  overrides: Partial<{ email: string; name: string; password: string }> = {},
) {
  const input = { email: `${unique("user")}@example.org`, name: "Test User", password: DEFAULT_PASSWORD, ...overrides };
  const data = await client.ok<{ signUp: { __typename: string; data?: { id: string } } }>(
    `mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on SignUpSuccess { data { id } } ... on Error { message } } }`,
    { input },
  );
  if (data.signUp.__typename !== "SignUpSuccess") throw new Error(`signUp failed: ${JSON.stringify(data)}`);
  return { id: data.signUp.data!.id, ...input };
}

/** A random 8-digit Companies House number (valid format). */
export function companiesHouseNumber(): string {
  return String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
}

export async function registerOrganisation(client: GraphqlClient, input: Record<string, unknown>) {
  const data = await client.ok<{ registerOrganisation: { __typename: string; data?: { id: string; name: string } } }>(
    `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) {
       __typename ... on RegisterOrganisationSuccess { data { id name } } ... on Error { message code } } }`,
    { input },
  );
  if (data.registerOrganisation.__typename !== "RegisterOrganisationSuccess")
    throw new Error(`registerOrganisation failed: ${JSON.stringify(data)}`);
  return data.registerOrganisation.data!;
}

export async function registerSupplier(client: GraphqlClient, overrides: Record<string, unknown> = {}) {
  return registerOrganisation(client, {
    kind: "SUPPLIER",
    name: unique("Supplier Ltd"),
    companiesHouseNumber: companiesHouseNumber(),
    regionsServed: ["TLI"],
    ...overrides,
  });
}

/** A real council that nobody in this run's database has registered yet (random, so parallel files rarely collide). */
export async function unregisteredCouncilGssCode(deps: {
  prisma: { organisation: { findMany(args: object): Promise<{ gssCode: string | null }[]> } };
}): Promise<string> {
  const { listCouncils } = await import("@ccm/api/organisations/councils");
  const taken = new Set(
    (await deps.prisma.organisation.findMany({ where: { kind: "COUNCIL" }, select: { gssCode: true } })).map((o) => o.gssCode),
  );
  const free = listCouncils().filter((c) => !taken.has(c.gssCode));
  const pick = free[Math.floor(Math.random() * free.length)];
  if (!pick) throw new Error("no unregistered council left");
  return pick.gssCode;
}
