import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/harness.ts";

// Whatever arrives, the server answers with a clear error and never a 500.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function post(body: string, contentType = "application/json", headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": contentType, ...headers },
    body,
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe("hostile or broken GraphQL requests", () => {
  it("refuses a body that is not JSON with a 400", async () => {
    const result = await post("{not json");
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("refuses a body over 1 MB with a 413, as JSON or in another content type, and stores nothing", async () => {
    const email = `huge-${Date.now()}@example.org`;
    const signUp = `mutation($input: SignUpInput!) { signUp(input: $input) { __typename } }`;
    const huge = JSON.stringify({ query: signUp, variables: { input: { email, password: "x".repeat(1_100_000), name: "n" } } });
    for (const contentType of ["application/json", "application/graphql+json"]) {
      const result = await post(huge, contentType);
      expect(result.status).toBe(413);
      expect(JSON.parse(result.text).errors[0].message).toMatch(/too large/i);
    }
    expect(await app.deps.prisma.user.count({ where: { email } })).toBe(0);
  });

  it("refuses a body in a charset or an encoding it cannot read with a 415, as a GraphQL error", async () => {
    const body = JSON.stringify({ query: "{ __typename }" });
    for (const result of [
      await post(body, "application/json; charset=koi8-r"),
      await post(body, "application/json", { "content-encoding": "snappy" }),
    ]) {
      expect(result.status).toBe(415);
      expect(result.headers.get("content-type")).toMatch(/^application\/json/);
      expect(JSON.parse(result.text).errors[0].extensions.code).toBe("BAD_REQUEST");
    }
  });

  it("sends the API's security headers with every GraphQL answer, refusals included", async () => {
    for (const result of [await post(JSON.stringify({ query: "{ __typename }" })), await post("{not json")]) {
      expect(result.headers.get("x-content-type-options")).toBe("nosniff");
      expect(result.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    }
  });

  it("refuses an empty query and an unknown field with errors, not a 500", async () => {
    for (const body of [JSON.stringify({}), JSON.stringify({ query: "" }), JSON.stringify({ query: "{ nope }" })]) {
      const result = await post(body);
      expect(result.status).toBeGreaterThanOrEqual(200);
      expect(result.status).toBeLessThan(500);
      expect(JSON.parse(result.text).errors.length).toBeGreaterThan(0);
    }
  });

  it("limits query depth", async () => {
    const deep = `{ viewer { memberships { organisation { members { user { memberships { organisation { members { user { memberships { organisation { members { user { id } } } } } } } } } } } } } }`;
    const result = await app.client().request(deep);
    expect(result.status).toBeLessThan(500);
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
  });

  it("limits aliases", async () => {
    const aliased = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: regions { code }`).join(" ")} }`;
    const result = await app.client().request(aliased);
    expect(result.status).toBeLessThan(500);
    expect(result.errors?.[0]?.message).toMatch(/alias/i);
  });

  it("answers variables of the wrong type and malformed global ids without a 500", async () => {
    const wrongType = await app.client().request(`query($id: ID!) { node(id: $id) { id } }`, { id: { nested: true } });
    expect(wrongType.status).toBeLessThan(500);
    expect(wrongType.errors?.length).toBeGreaterThan(0);
    for (const id of ["garbage", "", "VXNlcjo=", Buffer.from("Tender:not-a-uuid").toString("base64")]) {
      const result = await app.client().request(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(result.status).toBeLessThan(500);
      expect(result.errors?.some((e) => e.message === "Unexpected error.") ?? false).toBe(false);
    }
  });

  it("turns absurdly long input into a validation error and stores nothing", async () => {
    const email = `long-${Date.now()}@example.org`;
    const result = await app
      .client()
      .ok(`mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on ValidationError { issues { path } } } }`, {
        input: { email, password: "x".repeat(10_000), name: "n".repeat(5_000) },
      });
    expect(result.signUp.__typename).toBe("ValidationError");
    expect(await app.deps.prisma.user.count({ where: { email } })).toBe(0);
  });
});

describe("in production", () => {
  it("turns introspection off", async () => {
    const production = await startTestApp({
      NODE_ENV: "production",
      AUTH_SECRET: "test-only-secret-for-production-mode-0123456789",
    });
    try {
      const result = await production.client().request(`{ __schema { types { name } } }`);
      expect(result.status).toBeLessThan(500);
      expect(result.errors?.[0]?.message).toMatch(/introspection/i);
      expect((await production.client().ok(`{ viewer { id } }`)).viewer).toBeNull();
    } finally {
      await production.close();
    }
  });
});
