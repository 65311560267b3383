// `pnpm bench:search`: the catalogue search under load (issue 4, ADR 0009).
//
// 1. A dedicated database (ccm_bench_search, or BENCH_DATABASE_URL) holds 500,000 generated offerings
//    from 50,000 suppliers (seeds/src/generate, a fixed seed). It is the only thing kept between runs:
//    a comment on the database records a content hash of what was loaded (contentHash below), and the
//    load is redone whenever the hash differs. Everything else (the API process, pools, the recorded
//    statements) is made afresh in each run.
// 2. The real API runs as its own process on that database; autocannon sends a mixed set of searches
//    as GraphQL over HTTP at 200 requests a second, spread evenly over each second (SCHEDULE).
// 3. The same searches run as raw SQL (the very statements searchCatalogue sends, recorded once, prepared
//    where it prepares them) on the same schedule, on a pool of the same size: the baseline. The two
//    phases alternate, twice each.
// Progress goes to stderr; the last line on stdout is one JSON object with the figures.
//
//   pnpm bench:search                      500,000 offerings, 2 x 15 s per phase
//   pnpm bench:search -- --offerings 50000 --seconds 5 --rate 100
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import {
  EXACT_COUNT_LIMIT,
  searchCatalogue,
  type SearchCatalogueInput,
  type SearchCatalogueOptions,
} from "@ccm/api/catalogue/search-catalogue";
import { deployMigrations, MigrationChecksumError, openDatabase, type QueryOptions, type SqlRunner } from "@ccm/prisma";
import { CATALOGUE_GENERATOR_VERSION, generateCatalogue } from "@ccm/seeds/generate/catalogue-generator";
import { loadCatalogue } from "@ccm/seeds/generate/load-catalogue";
import { postgresCpuMs, treeCpuMs } from "./process-cpu.ts";
import { randomServerPort } from "../support/server-port.ts";

const here = dirname(fileURLToPath(import.meta.url));

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

const OFFERINGS = option("offerings", 500_000);
const SUPPLIERS = Math.max(1, Math.round(OFFERINGS / 10));
const RATE = option("rate", 200);
const SECONDS = option("seconds", 15);
const ROUNDS = option("rounds", 2);
const WARM_UP_SECONDS = 5;
const POOL_SIZE = 10; // the API's default pool (prisma/src/database.ts)
const CONNECTIONS = 20; // requests in flight at most, in both phases
const SEED = "search-bench";
const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? ADMIN_URL.replace(/\/[^/]*$/, "/ccm_bench_search");

const log = (message: string) => process.stderr.write(`${message}\n`);

// ---------------------------------------------------------------------------------------------------
// The benchmark database
// ---------------------------------------------------------------------------------------------------

/**
 * What the loaded database is made of, as a SHA-256: the options, the generator's output for every
 * 10th supplier (each supplier is generated from its own seed by the same code, so a change to the
 * generator, its vocabulary, the CPV list or the size rules shows up there) and the loader's source
 * (its SQL). Changed migrations are not in it: they are applied to a kept database (and an edited one
 * forces a reload, see ensureDatabase).
 */
function contentHash(): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ generator: CATALOGUE_GENERATOR_VERSION, seed: SEED, offerings: OFFERINGS, suppliers: SUPPLIERS }));
  for (let i = 0; i < SUPPLIERS; i += 10)
    for (const item of generateCatalogue({ seed: SEED, suppliers: SUPPLIERS, offerings: OFFERINGS, from: i, to: i + 1 }))
      hash.update(JSON.stringify(item, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
  for (const file of ["../../seeds/src/generate/load-catalogue.ts", "../../api/src/catalogue/catalogue-words.ts"])
    hash.update(readFileSync(join(here, file)));
  return hash.digest("hex");
}

/** Applies new migrations to a kept database; false when one it already has was edited since (reload then). */
async function migrateKeptDatabase(): Promise<boolean> {
  const db = await openDatabase({ databaseUrl: DATABASE_URL, migrate: false, poolSize: 1 });
  try {
    const applied = await deployMigrations(db.sql);
    if (applied.length) {
      log(`  applied ${applied.length} new migration(s): ${applied.join(", ")}; analysing`);
      await db.sql.exec("ANALYZE");
    }
    return true;
  } catch (e) {
    if (e instanceof MigrationChecksumError) return false;
    throw e;
  } finally {
    await db.close();
  }
}

interface IndexDefinition {
  name: string;
  definition: string;
}

/**
 * The offering table's secondary indexes (none backs a constraint, so the load's ON CONFLICT still
 * works without them), dropped before the load and built once after it: building a GIN index over
 * 500,000 rows is several times faster than maintaining it row by row. Built as the migrations define
 * them (pg_get_indexdef), so the searches see the same indexes as anywhere else.
 */
async function dropSecondaryIndexes(sql: SqlRunner): Promise<IndexDefinition[]> {
  const { rows } = await sql.query<IndexDefinition>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = 'offering'::regclass AND NOT i.indisunique AND NOT i.indisprimary
     ORDER BY c.relname`,
  );
  for (const index of rows) await sql.exec(`DROP INDEX ${pg.escapeIdentifier(index.name)}`);
  return rows;
}

async function buildIndexes(sql: SqlRunner, indexes: IndexDefinition[]): Promise<void> {
  let next = 0;
  // Two at a time, one per core, each on its own connection with room to sort in memory.
  const worker = async () => {
    while (next < indexes.length) {
      const index = indexes[next++]!;
      const t0 = performance.now();
      await sql.exec(`SET maintenance_work_mem = '256MB'; SET max_parallel_maintenance_workers = 0; ${index.definition}`);
      log(`  built ${index.name} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  };
  await Promise.all([worker(), worker()]);
}

/**
 * Makes sure DATABASE_URL holds the generated catalogue. The one thing kept between runs is that
 * database, marked with a comment holding contentHash(): a run reuses it only when the hash matches
 * (and its applied migrations are unchanged), otherwise drops and reloads it.
 */
async function ensureDatabase(): Promise<void> {
  const name = new URL(DATABASE_URL).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const t0 = performance.now();
  const marker = JSON.stringify({ bench: "search", sha256: contentHash() });
  log(`content hash of the generated catalogue computed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ marker: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1`,
      [name],
    );
    if (rows[0]?.marker === marker) {
      log(`database ${name} already holds these ${OFFERINGS.toLocaleString("en-GB")} offerings (same content hash): reusing it`);
      if (await migrateKeptDatabase()) return;
      log(`  a migration it has applied was edited since: reloading`);
    }
    log(
      `creating database ${name} and loading ${OFFERINGS.toLocaleString("en-GB")} offerings from ${SUPPLIERS.toLocaleString("en-GB")} suppliers`,
    );
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    const db = await openDatabase({ databaseUrl: DATABASE_URL, migrate: false, poolSize: 2 });
    await deployMigrations(db.sql);
    const started = performance.now();
    const indexes = await dropSecondaryIndexes(db.sql);
    let lastReport = 0;
    await loadCatalogue(db.sql, {
      seed: SEED,
      suppliers: SUPPLIERS,
      offerings: OFFERINGS,
      batchSuppliers: 250,
      concurrency: 2,
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastReport < 2000 && p.suppliers < p.totalSuppliers) return;
        lastReport = now;
        const seconds = (now - started) / 1000;
        const rate = p.offerings / seconds;
        const eta = (p.totalOfferings - p.offerings) / Math.max(rate, 1);
        log(
          `  loaded ${p.offerings.toLocaleString("en-GB")} / ${p.totalOfferings.toLocaleString("en-GB")} offerings ` +
            `(${Math.round((100 * p.offerings) / p.totalOfferings)}%, ${Math.round(rate)}/s, about ${Math.round(eta)} s left)`,
        );
      },
    });
    log(`  building ${indexes.length} indexes on offering`);
    await buildIndexes(db.sql, indexes);
    log("  vacuum and analyse");
    await db.sql.exec("VACUUM ANALYZE");
    await db.close();
    await admin.query(`COMMENT ON DATABASE ${admin.escapeIdentifier(name)} IS ${admin.escapeLiteral(marker)}`);
    log(`  loaded in ${Math.round((performance.now() - started) / 1000)} s`);
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------------
// The mixed set of searches: what buyers type (common and rare words, phrases, typos), with and
// without filters, a second page, and browsing a category without words.
// ---------------------------------------------------------------------------------------------------

const SEARCHES: { label: string; input: SearchCatalogueInput; page2?: boolean }[] = [
  { label: "payroll", input: { query: "payroll" } },
  { label: "accounting software", input: { query: "accounting software" } },
  { label: "cloud hosting", input: { query: "cloud hosting" } },
  { label: "housing repairs case management", input: { query: "housing repairs case management" } },
  { label: "parking permits", input: { query: "parking permits" } },
  { label: "council tax portal", input: { query: "council tax portal" } },
  { label: "relational database", input: { query: "relational database" } },
  { label: "firewall", input: { query: "firewall" } },
  { label: "typo: acounting softwre", input: { query: "acounting softwre" } },
  { label: "typo: libaries booking", input: { query: "libaries booking" } },
  {
    label: "software development, London, SME",
    input: { query: "software development", filter: { regions: ["TLI"], smeOnly: true } },
  },
  { label: "training, CPV 80000000", input: { query: "training", filter: { cpvCodes: ["80000000"] } } },
  {
    label: "data, high growth, up to £1,000",
    input: { query: "data", filter: { highGrowthOnly: true, maxPricePence: 100_000n } },
  },
  { label: "chatbot, per user per month", input: { query: "chatbot", filter: { pricingUnits: ["PER_USER_PER_MONTH"] } } },
  { label: "backup, G-Cloud 12", input: { query: "backup", filter: { frameworks: ["g-cloud-12"] } } },
  { label: "waste collection, Scotland", input: { query: "waste collection", filter: { regions: ["TLM"] } } },
  { label: "cloud hosting, page 2", input: { query: "cloud hosting" }, page2: true },
  { label: "browse CPV 72212000", input: { filter: { cpvCodes: ["72212000"] } } },
  { label: "browse CPV 48440000, North West", input: { filter: { cpvCodes: ["48440000"], regions: ["TLD"] } } },
  { label: "elections app", input: { query: "elections mobile app" } },
];

const GRAPHQL = `query Search($query: String, $filter: CatalogueFilter, $first: Int, $after: String) {
  searchCatalogue(query: $query, filter: $filter, first: $first, after: $after) {
    __typename
    ... on CatalogueSearch {
      totalCount order
      edges { cursor node { id title summary priceText regions { code } supplier { id name supplierSize isSme isHighGrowth } } }
      pageInfo { hasNextPage endCursor }
      corrections { word suggestions }
      facets {
        cpv { value label count }
        regions { value count }
        pricingUnits { value count }
        priceBands { label count }
        smeOnly { count }
        highGrowthOnly { count }
        frameworks { value label count }
      }
    }
    ... on ValidationError { issues { path message } }
  }
}`;

// GRAPHQL asks only for what a results page shows, so the API's searches read the offerings' and
// suppliers' brief fields (catalogue.graphql.ts, fieldsSelected): the raw SQL side records its statements
// the same way.
const AS_THE_API_READS: SearchCatalogueOptions = {
  exactCountLimit: EXACT_COUNT_LIMIT,
  fields: { offering: "brief", supplier: "brief" },
};

interface Prepared {
  label: string;
  body: string;
  statements: { text: string; values: unknown[]; options?: QueryOptions }[];
  total: number;
}

function jsonVariables(input: SearchCatalogueInput): Record<string, unknown> {
  return JSON.parse(JSON.stringify(input, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v))) as Record<
    string,
    unknown
  >;
}

/** Runs each search once through searchCatalogue, recording the statements it sends (the raw SQL baseline). */
async function prepare(sql: SqlRunner): Promise<Prepared[]> {
  const prepared: Prepared[] = [];
  for (const search of SEARCHES) {
    let input = search.input;
    if (search.page2) {
      const first = await searchCatalogue(sql, input, AS_THE_API_READS);
      input = { ...input, after: first.hits.at(-1)?.cursor ?? null };
    }
    const statements: Prepared["statements"] = [];
    const recorder: SqlRunner = {
      query: (text, values, options) => {
        statements.push({ text, values: values ?? [], options });
        return sql.query(text, values, options);
      },
      exec: (text) => sql.exec(text),
    };
    const result = await searchCatalogue(recorder, input, AS_THE_API_READS);
    prepared.push({
      label: search.label,
      body: JSON.stringify({ query: GRAPHQL, variables: jsonVariables(input), operationName: "Search" }),
      statements,
      total: result.totalCount,
    });
  }
  return prepared;
}

/** The statements of one search as searchCatalogue sends them: one after another (each needs the one before). */
async function replay(sql: SqlRunner, statements: Prepared["statements"]): Promise<void> {
  for (const s of statements) await sql.query(s.text, s.values, s.options);
}

// ---------------------------------------------------------------------------------------------------
// Load phases
// ---------------------------------------------------------------------------------------------------

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Both phases send searches on the same schedule. autocannon paces a connection by the second: with a
 * rate, each of its connections sends its quota back to back as soon as a second begins, then waits for
 * the next second. With `overallRate` over 20 connections, every second therefore began with 20 searches at
 * once and all 200 queued behind one another, whatever the rate: at 80 a second the p50 was 116 ms against
 * 9 ms for one search alone. So each connection is its own autocannon instance, with an equal share of the
 * rate, and the instances start spread evenly over one second: a burst of RATE / CONNECTIONS searches
 * every 1000 / CONNECTIONS ms, one after another on one connection, at most CONNECTIONS in flight. Each
 * connection also starts at its own place in the mixed set, so every burst holds a different mix.
 */
const SCHEDULE = {
  connections: CONNECTIONS,
  perConnectionRate: Math.max(1, Math.round(RATE / CONNECTIONS)),
  /** The rate sent: RATE rounded to a multiple of the connections. */
  get rate() {
    return this.perConnectionRate * this.connections;
  },
  /** When connection i starts, in ms from the start of a phase. */
  startOf: (i: number) => (1000 * i) / CONNECTIONS,
};

/** The mixed set as connection i sends it: from its own place in it, round and round. */
function rotated<T>(items: T[], i: number): T[] {
  const at = i % items.length;
  return [...items.slice(at), ...items.slice(0, at)];
}

async function graphqlPhase(
  base: string,
  prepared: Prepared[],
  latencies: number[],
  seconds = SECONDS,
): Promise<{ requests: number; errors: number }> {
  const connection = async (i: number): Promise<autocannon.Result> => {
    await new Promise((r) => setTimeout(r, SCHEDULE.startOf(i)));
    // The callback form returns the running instance (an EventEmitter) for per-response latencies; the
    // promise form returns only the final summary, whose histogram cannot be merged across instances.
    return new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `${base}/graphql`,
          connections: 1,
          // A GraphQL failure still answers 200: count any answer that is not a search result as an error.
          verifyBody: (body) => {
            const text = body?.toString() ?? "";
            return text.includes('"__typename":"CatalogueSearch"') && !text.includes('"errors":[');
          },
          overallRate: SCHEDULE.perConnectionRate,
          duration: seconds,
          requests: rotated(prepared, i).map((p) => ({
            method: "POST" as const,
            path: "/graphql",
            headers: { "content-type": "application/json" },
            body: p.body,
          })),
        },
        (err: unknown, summary) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(summary)),
      );
      instance.on("response", (_client, _statusCode, _bytes, responseTime) => latencies.push(responseTime));
    });
  };
  const results = await Promise.all(Array.from({ length: SCHEDULE.connections }, (_, i) => connection(i)));
  return {
    requests: results.reduce((n, r) => n + r.requests.total, 0),
    errors: results.reduce((n, r) => n + r.errors + r.non2xx + r.mismatches, 0),
  };
}

/**
 * The raw SQL baseline on the same schedule as graphqlPhase, on a pool of the same size: connection i
 * starts at SCHEDULE.startOf(i) and, at the start of each of its seconds, runs its quota of searches one
 * after another (each search's statements one after another, as searchCatalogue sends them).
 */
async function rawPhase(sql: SqlRunner, prepared: Prepared[], latencies: number[], seconds = SECONDS): Promise<number> {
  const started = performance.now();
  let sent = 0;
  const connection = async (i: number) => {
    const searches = rotated(prepared, i);
    let next = 0;
    for (let second = 0; second < seconds; second += 1) {
      const wait = started + SCHEDULE.startOf(i) + 1000 * second - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      for (let k = 0; k < SCHEDULE.perConnectionRate; k += 1) {
        // autocannon stops a connection when its duration is up, whatever it has left to send.
        if (performance.now() - (started + SCHEDULE.startOf(i)) >= seconds * 1000) return;
        const search = searches[next++ % searches.length]!;
        const t0 = performance.now();
        await replay(sql, search.statements);
        latencies.push(performance.now() - t0);
        sent += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: SCHEDULE.connections }, (_, i) => connection(i)));
  return sent;
}

// ---------------------------------------------------------------------------------------------------
// The API process
// ---------------------------------------------------------------------------------------------------

async function startApi(port: number): Promise<{ child: ChildProcess; base: string }> {
  const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the API.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [tsxCli, ...nodeArgs, join(here, "../../api/src/server.ts")], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      AUTH_SECRET: "search-benchmark-only-secret-0123456789abcdef",
      DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      QUEUE_PREFIX: `bench-search-${process.pid}`,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i += 1) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const healthy = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return { child, base };
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGTERM");
  throw new Error("the API did not start");
}

async function main() {
  await ensureDatabase();
  const db = await openDatabase({ databaseUrl: DATABASE_URL, migrate: false, poolSize: POOL_SIZE });
  const port = randomServerPort();
  log(`starting the API on port ${port}`);
  const { child, base } = await startApi(port);
  try {
    log("checking every search once (results, and time alone through GraphQL)");
    const prepared = await prepare(db.sql);
    for (const p of prepared) {
      const t0 = performance.now();
      const response = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: p.body,
      });
      const json = (await response.json()) as { data?: { searchCatalogue?: { __typename: string; totalCount?: number } } };
      const ms = performance.now() - t0;
      const typename = json.data?.searchCatalogue?.__typename;
      if (typename !== "CatalogueSearch" || json.data?.searchCatalogue?.totalCount !== p.total)
        throw new Error(`search "${p.label}" answered ${JSON.stringify(json).slice(0, 300)}`);
      log(`  ${p.label.padEnd(38)} ${String(p.total).padStart(7)} results  ${ms.toFixed(1).padStart(6)} ms`);
    }
    // Warm both paths before measuring: a few seconds of each on the schedule, so that the API's code is
    // compiled (its first seconds cost it 40% more CPU per search) and both pools are full.
    log(`warming up: ${WARM_UP_SECONDS} s of each phase, not measured`);
    await graphqlPhase(base, prepared, [], WARM_UP_SECONDS);
    await rawPhase(db.sql, prepared, [], WARM_UP_SECONDS);

    const graphqlLatencies: number[] = [];
    const rawLatencies: number[] = [];
    let requests = 0;
    let errors = 0;
    let graphqlSeconds = 0;
    let rawSearches = 0;
    const cpu = { api: 0, graphqlDb: 0, rawDb: 0, graphqlClient: 0, rawClient: 0 };
    const clientMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    for (let round = 1; round <= ROUNDS; round += 1) {
      // The load average (1 minute) shows whether other work shared the machine during the run.
      log(
        `round ${round}/${ROUNDS}: GraphQL over HTTP, ${SCHEDULE.rate} requests/s for ${SECONDS} s (load average ${loadavg()[0]!.toFixed(2)})`,
      );
      const t0 = performance.now();
      const [api0, db0, client0] = [treeCpuMs(child.pid!), postgresCpuMs(), process.cpuUsage()];
      const r = await graphqlPhase(base, prepared, graphqlLatencies);
      // Each connection sends for SECONDS, the last starting almost a second after the first.
      graphqlSeconds += (performance.now() - t0 - SCHEDULE.startOf(SCHEDULE.connections - 1)) / 1000;
      cpu.api += treeCpuMs(child.pid!) - api0;
      cpu.graphqlDb += postgresCpuMs() - db0;
      cpu.graphqlClient += clientMs(client0);
      requests += r.requests;
      errors += r.errors;
      log(`  ${r.requests} requests, ${r.errors} errors, p95 so far ${percentile(graphqlLatencies, 95).toFixed(1)} ms`);
      log(`round ${round}/${ROUNDS}: raw SQL, ${SCHEDULE.rate} searches/s for ${SECONDS} s`);
      const [rawDb0, rawClient0] = [postgresCpuMs(), process.cpuUsage()];
      const sent = await rawPhase(db.sql, prepared, rawLatencies);
      cpu.rawDb += postgresCpuMs() - rawDb0;
      cpu.rawClient += clientMs(rawClient0);
      rawSearches += sent;
      log(`  ${sent} searches, p95 so far ${percentile(rawLatencies, 95).toFixed(1)} ms`);
    }
    if (errors) throw new Error(`${errors} GraphQL requests failed`);
    const p95 = percentile(graphqlLatencies, 95);
    const rawP95 = percentile(rawLatencies, 95);
    const round1 = (n: number) => Math.round(n * 10) / 10;
    log(`load average at the end ${loadavg()[0]!.toFixed(2)} (${availableParallelism()} cores)`);
    log("");
    log(`                 p50      p95      p99`);
    log(`GraphQL     ${[50, 95, 99].map((p) => percentile(graphqlLatencies, p).toFixed(1).padStart(7)).join("  ")} ms`);
    log(`raw SQL     ${[50, 95, 99].map((p) => percentile(rawLatencies, p).toFixed(1).padStart(7)).join("  ")} ms  (baseline)`);
    log(
      `CPU per search: API ${(cpu.api / requests).toFixed(2)} ms; PostgreSQL ${(cpu.graphqlDb / requests).toFixed(2)} ms ` +
        `through GraphQL, ${(cpu.rawDb / rawSearches).toFixed(2)} ms as raw SQL; this client ${(cpu.graphqlClient / requests).toFixed(2)} ms ` +
        `(autocannon), ${(cpu.rawClient / rawSearches).toFixed(2)} ms (pg)`,
    );
    console.log(
      JSON.stringify({
        bench: "search",
        offerings: OFFERINGS,
        rps: round1(requests / graphqlSeconds),
        p95_ms: round1(p95),
        raw_sql_p95_ms: round1(rawP95),
        ratio: Math.round((p95 / rawP95) * 100) / 100,
      }),
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await db.close();
  }
}

await main();
