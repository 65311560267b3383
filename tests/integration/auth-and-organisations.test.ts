import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@ccm/api/audit/audit";
import { DEFAULT_PASSWORD, registerSupplier, signUpUser, unique, unregisteredCouncilGssCode } from "../support/fixtures.ts";
import { startTestApp, type TestApp } from "../support/harness.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const VIEWER = `{ viewer { id name email memberships { role organisation { id kind name } } } }`;

describe("signing up, in and out", () => {
  it("answers viewer with null when signed out", async () => {
    const result = await app.client().request(`{ viewer { id } }`);
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ viewer: null });
  });

  it("signs up into a session, signs out, and signs in again", async () => {
    const person = app.client();
    const user = await signUpUser(person, { name: "Priya Patel" });
    expect(person.hasSession()).toBe(true);
    expect((await person.ok(VIEWER)).viewer).toMatchObject({
      id: user.id,
      name: "Priya Patel",
      email: user.email,
      memberships: [],
    });

    expect((await person.ok(`mutation { signOut }`)).signOut).toBe(true);
    expect(person.hasSession()).toBe(false);
    expect((await person.ok(VIEWER)).viewer).toBeNull();

    const signIn = await person.ok(
      `mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on SignInSuccess { data { id } } } }`,
      { input: { email: user.email.toUpperCase(), password: DEFAULT_PASSWORD } },
    );
    expect(signIn.signIn).toEqual({ __typename: "SignInSuccess", data: { id: user.id } });
    expect((await person.ok(VIEWER)).viewer.id).toBe(user.id);
  });

  it("a signed-out session cookie no longer works, even if replayed", async () => {
    const person = app.client();
    await signUpUser(person);
    const stolen = (person as unknown as { cookies: Map<string, string> }).cookies;
    const replay = new Map(stolen);
    await person.ok(`mutation { signOut }`);
    const attacker = app.client();
    (attacker as unknown as { cookies: Map<string, string> }).cookies = replay;
    expect((await attacker.ok(`{ viewer { id } }`)).viewer).toBeNull();
  });

  it("refuses a wrong password with one message that does not reveal whether the account exists", async () => {
    const user = await signUpUser(app.client());
    const query = `mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on Error { message code } } }`;
    const wrongPassword = await app.client().ok(query, { input: { email: user.email, password: "not the password" } });
    const noAccount = await app
      .client()
      .ok(query, { input: { email: `${unique("nobody")}@example.org`, password: "whatever123" } });
    expect(wrongPassword.signIn).toEqual({
      __typename: "UnauthenticatedError",
      message: "The email address or password is not right",
      code: "UNAUTHENTICATED",
    });
    expect(noAccount.signIn).toEqual(wrongPassword.signIn);
  });

  it("gives typed field errors for bad sign-up input and creates nothing", async () => {
    const email = `${unique("bad")}@example.org`;
    const result = await app
      .client()
      .ok(
        `mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on ValidationError { issues { path message } } } }`,
        { input: { email: "not-an-email", password: "short", name: "" } },
      );
    expect(result.signUp.__typename).toBe("ValidationError");
    const paths = result.signUp.issues.map((i: { path: string[] }) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["email", "password", "name"]));
    expect(await app.deps.prisma.user.count({ where: { email } })).toBe(0);
  });

  it("answers a mutation that selects only __typename (no 500)", async () => {
    const user = await signUpUser(app.client());
    const result = await app.client().request(`mutation($input: SignInInput!) { signIn(input: $input) { __typename } }`, {
      input: { email: user.email, password: DEFAULT_PASSWORD },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ signIn: { __typename: "SignInSuccess" } });
  });

  it("refuses a second account with the same email", async () => {
    const user = await signUpUser(app.client());
    const again = await app
      .client()
      .ok(`mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on Error { code } } }`, {
        input: { email: user.email, password: DEFAULT_PASSWORD, name: "Someone Else" },
      });
    expect(again.signUp).toEqual({ __typename: "ConflictError", code: "EMAIL_TAKEN" });
  });

  it("stores passwords with Argon2id, never in plain text", async () => {
    const user = await signUpUser(app.client());
    const account = await app.deps.prisma.account.findFirstOrThrow({ where: { user: { email: user.email } } });
    expect(account.password).toMatch(/^\$argon2id\$/);
    expect(account.password).not.toContain(DEFAULT_PASSWORD);
  });
});

describe("registering organisations", () => {
  const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) {
    __typename
    ... on RegisterOrganisationSuccess { data { id kind name gssCode region { code name } companiesHouseNumber } }
    ... on ValidationError { issues { path message } }
    ... on Error { message code } } }`;

  it("registers a real council with its GSS code and region, and makes the caller its ADMIN", async () => {
    const buyer = app.client();
    await signUpUser(buyer);
    const gssCode = await unregisteredCouncilGssCode(app.deps);
    const result = await buyer.ok(REGISTER, { input: { kind: "COUNCIL", gssCode } });
    expect(result.registerOrganisation.__typename).toBe("RegisterOrganisationSuccess");
    const org = result.registerOrganisation.data;
    expect(org).toMatchObject({ kind: "COUNCIL", gssCode });
    expect(org.region.code).toMatch(/^TL[C-N]$/);
    const viewer = (await buyer.ok(VIEWER)).viewer;
    expect(viewer.memberships).toEqual([{ role: "ADMIN", organisation: { id: org.id, kind: "COUNCIL", name: org.name } }]);

    const again = await app.client().ok(`{ viewer { id } }`);
    expect(again.viewer).toBeNull();
    const second = app.client();
    await signUpUser(second);
    const duplicate = await second.ok(REGISTER, { input: { kind: "COUNCIL", gssCode } });
    expect(duplicate.registerOrganisation).toMatchObject({
      __typename: "ConflictError",
      code: "ORGANISATION_ALREADY_REGISTERED",
    });
  });

  it("refuses a council that is not on the register", async () => {
    const buyer = app.client();
    await signUpUser(buyer);
    const result = await buyer.ok(REGISTER, { input: { kind: "COUNCIL", gssCode: "E99999999" } });
    expect(result.registerOrganisation).toMatchObject({
      __typename: "ValidationError",
      issues: [{ path: ["gssCode"], message: "Choose your council from the list" }],
    });
  });

  it("validates and normalises a supplier's Companies House number", async () => {
    const supplier = app.client();
    await signUpUser(supplier);
    const bad = await supplier.ok(REGISTER, { input: { kind: "SUPPLIER", name: "Acme Digital", companiesHouseNumber: "12-34" } });
    expect(bad.registerOrganisation.__typename).toBe("ValidationError");
    expect(bad.registerOrganisation.issues[0].path).toEqual(["companiesHouseNumber"]);

    const number = String(Math.floor(Math.random() * 1e6));
    const good = await supplier.ok(REGISTER, {
      input: { kind: "SUPPLIER", name: "Acme Digital", companiesHouseNumber: ` sc${number} `, regionsServed: ["TLM"] },
    });
    expect(good.registerOrganisation.data.companiesHouseNumber).toBe(`SC${number.padStart(6, "0")}`);
  });

  it("requires a signed-in user", async () => {
    const result = await app
      .client()
      .ok(REGISTER, { input: { kind: "SUPPLIER", name: "Anon Ltd", companiesHouseNumber: "01234567" } });
    expect(result.registerOrganisation).toMatchObject({ __typename: "UnauthenticatedError", code: "UNAUTHENTICATED" });
    expect(await app.deps.prisma.organisation.count({ where: { name: "Anon Ltd" } })).toBe(0);
  });

  it("hides an organisation's members from people outside it", async () => {
    const owner = app.client();
    await signUpUser(owner);
    const org = await registerSupplier(owner);
    const outsider = app.client();
    await signUpUser(outsider);
    const query = `query($id: ID!) { node(id: $id) { ... on Organisation { name members { role } } } }`;
    expect((await owner.ok(query, { id: org.id })).node.members).toEqual([{ role: "ADMIN" }]);
    expect((await outsider.ok(query, { id: org.id })).node.members).toEqual([]);
  });

  it("writes each registration to the audit trail, whose hash chain verifies", async () => {
    const report = await verifyAuditChain(app.deps.prisma);
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(0);
    expect(await app.deps.prisma.auditEvent.count({ where: { action: "organisation.registered" } })).toBeGreaterThan(0);
  });
});
