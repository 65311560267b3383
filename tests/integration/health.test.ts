import http from "node:http";
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

  it("keeps a load balancer's idle connection open past Node.js's default 5 s, so its next request is served on it", async () => {
    app = await startTestApp();
    // One socket, kept alive, as a proxy holds its connections to the API.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; reusedSocket: boolean }>((resolve, reject) => {
        const req = http.get(`${app!.url}/healthz`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, reusedSocket: req.reusedSocket }));
        });
        req.on("error", reject);
      });
    try {
      expect(await get()).toEqual({ status: 200, reusedSocket: false });
      await new Promise((r) => setTimeout(r, 6_000));
      // Had the server closed the idle connection, the agent would have dropped it and opened another.
      expect(await get()).toEqual({ status: 200, reusedSocket: true });
    } finally {
      agent.destroy();
    }
  }, 15_000);
});
