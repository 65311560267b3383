// `pnpm start`: the whole product in one process on one machine. Without DATABASE_URL it runs on the
// embedded PostgreSQL (PGlite under .data/), migrated, and seeds the demo data on the first start; the
// queues run on the same database unless REDIS_URL is set. The web app (SvelteKit, adapter-node), the
// API and the workers share one HTTP port.
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildApp, listen, type BuildAppOptions } from "@ccm/api/app";
import { loadConfig, REPO_ROOT } from "@ccm/api/config";
import { closeDeps, createDeps } from "@ccm/api/create-deps";
import type { Deps } from "@ccm/api/deps";
import type * as Seeds from "@ccm/seeds";
import { startWorkers } from "./start-workers.ts";

const WEB_HANDLER = resolve(REPO_ROOT, "web/build/handler.js");

type RequestHandler = NonNullable<BuildAppOptions["webHandler"]>;
// Loaded lazily: the seeds are needed only on a first start, and a broken seed must not stop the product.
type SeedsModule = typeof Seeds;

interface DemoSignIn {
  role: string;
  email: string;
  password: string;
  organisation: string;
}

const startedAt = performance.now();
const config = loadConfig();
const deps = await createDeps(config);
deps.logger.info(
  { database: deps.db.kind, queues: deps.queues.backend, dataDir: deps.db.kind === "pglite" ? config.dataDir : undefined },
  "database ready",
);

const signIns = await seedOnFirstStart(deps);
// The web app's server side calls the API over HTTP; in one process that is this very server.
process.env.API_URL ??= `http://127.0.0.1:${config.port}`;
// adapter-node reads ORIGIN when the handler is imported; without it, it assumes https and refuses form posts
// from http://localhost as cross-site.
process.env.ORIGIN ??= config.publicUrl;
const webHandler = await loadWebHandler();

deps.outbox.start();
const workers = await startWorkers(deps);

const server: Server = await listen(buildApp(deps, { webHandler }), config.port);

const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
const lines = [
  "",
  `Connected Councils Marketplace is running at ${config.publicUrl}  (started in ${seconds} s)`,
  `  GraphQL: ${config.publicUrl}/graphql   health: ${config.publicUrl}/healthz`,
  `  database: ${deps.db.kind === "pglite" ? `embedded (${config.dataDir})` : "PostgreSQL (DATABASE_URL)"}, queues: ${deps.queues.backend}`,
  ...(webHandler
    ? []
    : ["  The web app is not built (web/build): serving the API only. Run `pnpm start` from the repository root."]),
  ...(signIns.length ? ["", "Demo sign-ins:", ...formatSignIns(signIns)] : []),
  "",
];
process.stdout.write(lines.join("\n") + "\n");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  deps.logger.info({ signal }, "shutting down: finishing requests and jobs in progress");
  await new Promise((done) => server.close(done));
  await workers.close();
  await closeDeps(deps);
  deps.logger.info("stopped");
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));

/** Loads the demo data into an empty database (first start) and returns the demo sign-ins. */
async function seedOnFirstStart(deps: Deps): Promise<DemoSignIn[]> {
  if (process.env.SEED_DEMO_DATA === "false") return [];
  let seeds: SeedsModule;
  try {
    seeds = await import("@ccm/seeds");
  } catch (err) {
    deps.logger.warn({ err }, "demo data is not available (seeds/src/index.ts could not be loaded): starting without it");
    return [];
  }
  if (!(await seeds.isSeeded(deps.prisma))) {
    deps.logger.info("first start: loading the demo data (councils, suppliers, tenders); this takes a little while");
    let lastStep = "";
    await seeds.seedDemoData(deps, {
      onProgress: (p) => {
        if (p.step !== lastStep || p.done === p.total) deps.logger.info(`seeding ${p.step}: ${p.done}/${p.total}`);
        lastStep = p.step;
      },
    });
  }
  return seeds.DEMO_SIGN_INS;
}

/** The SvelteKit app's request handler (adapter-node's build), when it has been built. */
async function loadWebHandler(): Promise<RequestHandler | undefined> {
  if (!existsSync(WEB_HANDLER)) {
    deps.logger.warn({ path: WEB_HANDLER }, "web app not built: serving the API only");
    return undefined;
  }
  // Imported by path so that the worker package does not depend on the web package.
  const module = (await import(pathToFileURL(WEB_HANDLER).href)) as { handler: RequestHandler };
  return module.handler;
}

function formatSignIns(signIns: DemoSignIn[]): string[] {
  const columns = ["role", "email", "password", "organisation"] as const;
  const widths = columns.map((c) => Math.max(c.length, ...signIns.map((s) => s[c].length)));
  const row = (cells: string[]) =>
    "  " +
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [row([...columns]), row(widths.map((w) => "-".repeat(w))), ...signIns.map((s) => row(columns.map((c) => s[c])))];
}
