// The end-to-end test server (Playwright's webServer): the whole product in one process, as `pnpm start`
// runs it, on a fresh PostgreSQL database and its own Redis key prefix, so runs never see each other.
//   E2E_PORT=4321 node --import tsx e2e/server.ts
// The database is dropped when Playwright stops the server (SIGTERM).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { buildApp, closeDeps, createDeps, listen, loadConfig, type BuildAppOptions } from "@ccm/api";
import { deployMigrations, openDatabase } from "@ccm/prisma";
import type { startWorkers } from "@ccm/worker/start-workers";

const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DATABASE_PREFIX = "ccm_e2e_";
const port = Number(process.env.E2E_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error("Set E2E_PORT to the port to listen on");
const origin = `http://127.0.0.1:${port}`;
const webDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../web");

// 1. The web app's production build (rebuilt only when its sources changed).
const build = spawnSync(process.execPath, [resolve(webDir, "scripts/ensure-build.js")], { stdio: "inherit" });
if (build.status !== 0) throw new Error("building the web app failed");

// 2. A fresh database; leftovers of runs that were killed before they could clean up go first.
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await dropStaleDatabases(admin);
const name = `${DATABASE_PREFIX}${Date.now()}_${randomBytes(3).toString("hex")}`;
await admin.query(`CREATE DATABASE ${name}`);
const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
const db = await openDatabase({ databaseUrl, migrate: false });
await deployMigrations(db.sql);
await db.close();

// 3. The app: API, web pages and (once they exist) the workers, as in one-process mode.
const deps = await createDeps(
  loadConfig({
    NODE_ENV: "test",
    PORT: String(port),
    PUBLIC_URL: origin,
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    QUEUE_PREFIX: `test-${name}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  }),
);
// adapter-node reads ORIGIN when its handler is imported: without it, form posts fail its CSRF check.
process.env.ORIGIN = origin;
const { handler } = (await import(pathToFileURL(resolve(webDir, "build/handler.js")).href)) as {
  handler: NonNullable<BuildAppOptions["webHandler"]>;
};
const workers = await startWorkersIfPresent();
const server: Server = await listen(buildApp(deps, { webHandler: handler }), port, "127.0.0.1");
console.log(`e2e server on ${origin} (database ${name})`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`e2e server stopping (${signal})`);
  server.closeAllConnections();
  server.close();
  // Playwright kills the server if it takes too long to stop, so the database goes even if closing
  // the workers and connections (which wait for jobs in progress) is slow on a busy machine.
  const closing = (async () => {
    await workers?.close();
    await closeDeps(deps);
  })().catch((error: unknown) => console.error("e2e server: closing failed", error));
  await Promise.race([closing, new Promise((done) => setTimeout(done, 5_000))]);
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  process.exit(0);
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));

async function startWorkersIfPresent(): Promise<{ close(): Promise<void> } | null> {
  let module: { startWorkers: typeof startWorkers };
  try {
    module = await import("@ccm/worker/start-workers");
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") return null;
    throw error;
  }
  return module.startWorkers(deps);
}

async function dropStaleDatabases(client: pg.Client) {
  // No test run lasts this long, so an older database is a leftover of a run that was killed.
  const staleBefore = Date.now() - 3 * 60 * 60 * 1000;
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
    `${DATABASE_PREFIX}%`,
  ]);
  for (const { datname } of rows) {
    const created = Number(datname.slice(DATABASE_PREFIX.length).split("_")[0]);
    if (created && created < staleBefore) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}
