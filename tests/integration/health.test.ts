import { afterEach, describe, expect, it } from "vitest";
import { freePort, startTestApp, type TestApp } from "../support/harness.ts";

// GET /healthz is what a load balancer and `pnpm start` users look at: is the database there, and the queues?

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe("GET /healthz", () => {
  it("reports the database and the queues as up", async () => {
    app = await startTestApp();
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: { ok: true, kind: "postgres" },
      queues: { ok: true, backend: "redis" },
    });
  });

  it("answers 503 while the queue backend is unreachable, and says which part is down", async () => {
    app = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "degraded",
      database: { ok: true, kind: "postgres" },
      queues: { ok: false, backend: "redis" },
    });
  });
});
