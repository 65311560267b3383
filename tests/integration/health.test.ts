import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/harness.ts";

// GET /healthz is what a load balancer and `pnpm start` users look at: is the database there, and the queues?

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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
    app = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "degraded",
      database: { ok: true, kind: "postgres" },
      queues: { ok: false, backend: "redis" },
    });
  });
});
