// `pnpm bench:deadline`: 1,000 suppliers submit their bids through GraphQL over HTTP in the final second
// before a tender's deadline (and 100 more just after it), against the real API server in its own
// process on PostgreSQL, with Redis for the queues. It checks what matters (nothing accepted late,
// nothing lost) and how fast submissions are answered, next to baselines measured in the same run: the
// same 1,000 submissions on a tender whose deadline is far away, and the same 1,000 requests without the
// submission (the floor of HTTP, GraphQL and the session read). Requests go over a pool of kept-alive
// connections, as from the load balancer in front of the API (see `agent`).
// The last line is one JSON object: {"bench":"deadline","submitted":N,"accepted":N,"late_accepted":0,"lost":0,"p95_ms":N}.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { createRequire } from "node:module";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { deployMigrations, openDatabase } from "@ccm/prisma";
import { postgresCpuMs, treeCpuMs } from "./process-cpu.ts";
import { randomServerPort } from "../support/server-port.ts";

const ON_TIME = Number(process.env.BENCH_SUPPLIERS ?? 1000);
const LATE = Math.max(1, Math.round(ON_TIME / 10));
const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
// One API process: on 2 cores shared with PostgreSQL and the client, two cost more CPU per submission
// and answer later (ADR 0014). API_PROCESSES=2 (or auto) compares.
const API_PROCESSES = process.env.API_PROCESSES ?? "1";
const AUTH_SECRET = `bench-deadline-${randomBytes(16).toString("hex")}`;
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");

interface Shot {
  bidId: string;
  cookie: string;
  /** performance.now() at which to send. */
  at: number;
}
interface Outcome {
  bidId: string;
  sentAt: number;
  ms: number;
  kind: "accepted" | "refused" | "error";
  receivedAt?: string;
  detail?: string;
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------------
// Data: written straight to the database (the bench measures submissions, not sign-ups)

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ccm_bench_deadline_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = await openDatabase({ databaseUrl: url, migrate: false, poolSize: 2 });
  await deployMigrations(db.sql);
  await db.close();
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The cookie better-auth expects: the session token signed with HMAC-SHA256 of the secret. */
function sessionCookie(token: string): string {
  const signature = createHmac("sha256", AUTH_SECRET).update(token).digest("base64");
  return `ccm.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

interface Tender {
  id: string;
  lotId: string;
  qualityId: string;
}

async function seed(sql: pg.Pool, suppliers: number) {
  const councilId = randomUUID();
  await sql.query(
    `INSERT INTO organisation (id, kind, name, updated_at) VALUES ($1, 'COUNCIL', 'Bench Borough Council', now())`,
    [councilId],
  );
  const tenders: Tender[] = [];
  for (const title of ["Deadline tender", "Baseline tender"]) {
    const t = { id: randomUUID(), lotId: randomUUID(), qualityId: randomUUID() };
    await sql.query(
      `INSERT INTO tender (id, ocid, buyer_id, created_by_user_id, title, description, procedure, cpv_codes, value_pence,
         clarification_deadline, submission_deadline, published_at, updated_at)
       VALUES ($1, $2, $3, 'bench', $4, 'Benchmark tender.', 'OPEN', '{72212000}', 30000000,
         now() + interval '29 days', now() + interval '30 days', now() - interval '1 day', now())`,
      [t.id, `ocds-bench-${t.id}`, councilId, title],
    );
    await sql.query(`INSERT INTO lot (id, tender_id, number, title) VALUES ($1, $2, 1, 'Everything')`, [t.lotId, t.id]);
    await sql.query(
      `INSERT INTO criterion (id, tender_id, kind, title, weight, position) VALUES ($1, $2, 'PRICE', 'Price', 40, 0), ($3, $2, 'QUALITY', 'Approach', 60, 1)`,
      [randomUUID(), t.id, t.qualityId],
    );
    tenders.push(t);
  }
  const people = Array.from({ length: suppliers }, (_, i) => ({
    userId: randomUUID(),
    orgId: randomUUID(),
    token: randomBytes(24).toString("base64url"),
    bids: tenders.map(() => randomUUID()),
    i,
  }));
  for (let start = 0; start < people.length; start += 500) {
    const batch = people.slice(start, start + 500);
    const col = <T>(f: (p: (typeof people)[number]) => T) => batch.map(f);
    await sql.query(
      `INSERT INTO "user" (id, name, email, updated_at) SELECT u, 'Bench bidder', 'bidder-' || u || '@bench.example', now() FROM unnest($1::text[]) u`,
      [col((p) => p.userId)],
    );
    await sql.query(
      `INSERT INTO organisation (id, kind, name, companies_house_number, updated_at)
       SELECT o, 'SUPPLIER', 'Bench Supplier ' || n, lpad(n::text, 8, '0'), now() FROM unnest($1::text[], $2::int[]) AS x(o, n)`,
      [col((p) => p.orgId), col((p) => p.i + 1)],
    );
    await sql.query(
      `INSERT INTO membership (id, user_id, organisation_id, role) SELECT gen_random_uuid()::text, u, o, 'ADMIN' FROM unnest($1::text[], $2::text[]) AS x(u, o)`,
      [col((p) => p.userId), col((p) => p.orgId)],
    );
    // A fresh 7-day session, as sign-in makes: better-auth would otherwise refresh (write) it on every request.
    await sql.query(
      `INSERT INTO session (id, token, user_id, expires_at, updated_at)
       SELECT gen_random_uuid()::text, t, u, now() + interval '7 days', now() FROM unnest($1::text[], $2::text[]) AS x(t, u)`,
      [col((p) => p.token), col((p) => p.userId)],
    );
    for (const [k, t] of tenders.entries()) {
      await sql.query(
        `INSERT INTO bid (id, tender_id, supplier_id, created_by_user_id, updated_at) SELECT b, $3, o, 'bench', now() FROM unnest($1::text[], $2::text[]) AS x(b, o)`,
        [col((p) => p.bids[k]!), col((p) => p.orgId), t.id],
      );
      await sql.query(
        `INSERT INTO bid_lot (bid_id, lot_id, price_pence) SELECT b, $2, 10000000 + n * 1000 FROM unnest($1::text[], $3::int[]) AS x(b, n)`,
        [col((p) => p.bids[k]!), t.lotId, col((p) => p.i)],
      );
      await sql.query(
        `INSERT INTO bid_answer (bid_id, criterion_id, answer) SELECT b, $2, 'We will build it in the open, with users.' FROM unnest($1::text[]) b`,
        [col((p) => p.bids[k]!), t.qualityId],
      );
    }
    progress(`  seeded ${Math.min(start + 500, people.length)}/${people.length} suppliers with a draft bid on each tender`);
  }
  return { tenders, people };
}

// ---------------------------------------------------------------------------------------------------
// The API server in its own process

async function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = randomServerPort();
  const tsxCli = createRequire(join(repo, "api/package.json")).resolve("tsx/cli");
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [tsxCli, ...nodeArgs, "src/server.ts"], {
    cwd: join(repo, "api"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: `bench-deadline-${randomBytes(3).toString("hex")}`,
      AUTH_SECRET,
      API_PROCESSES,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child };
    if (child.exitCode !== null) throw new Error("the API server exited");
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the API server did not start");
}

// The client sends over at most SOCKETS kept-alive connections, as the load balancer in front of the API
// does: the suppliers' own connections (and their TLS) end at the balancer, which sends everyone's
// requests over a pool of open connections to the API (ADR 0015). A submission that waits for a free
// connection waits within its own time, which runs from the moment it is due. BENCH_KEEP_ALIVE=0 opens a
// new connection per submission instead, as ADR 0013 and 0014 measured; BENCH_SOCKETS sizes the pool.
const KEEP_ALIVE = process.env.BENCH_KEEP_ALIVE !== "0";
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 64);
const agent = KEEP_ALIVE
  ? new http.Agent({ keepAlive: true, maxSockets: SOCKETS, maxFreeSockets: SOCKETS, scheduling: "fifo" })
  : new http.Agent({ keepAlive: false, maxSockets: 512 });
const clientConnections = KEEP_ALIVE ? `${SOCKETS} kept-alive connections, as a load balancer` : "a new connection per request";
const SUBMIT = `mutation($id: ID!) { submitBid(id: $id) { __typename ... on SubmitBidSuccess { data { submittedAt } } ... on Error { code } } }`;

function post(url: string, cookie: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/graphql`, {
      method: "POST",
      agent,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const globalId = (id: string) => Buffer.from(`Bid:${id}`).toString("base64");

/** The same requests without the submission: HTTP, GraphQL and the session read (the stack's floor). */
const FLOOR = `{ __typename }`;

async function fire(url: string, shots: Shot[], label: string, query = SUBMIT): Promise<Outcome[]> {
  let answered = 0;
  const step = Math.max(1, Math.round(shots.length / 10));
  return Promise.all(
    shots.map(async (shot) => {
      const wait = shot.at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const sentAt = performance.now();
      const outcome: Outcome = { bidId: shot.bidId, sentAt, ms: 0, kind: "error" };
      try {
        const res = await post(url, shot.cookie, JSON.stringify({ query, variables: { id: globalId(shot.bidId) } }));
        outcome.ms = performance.now() - sentAt;
        const body = JSON.parse(res.text) as {
          data?: { __typename?: string; submitBid?: { __typename: string; data?: { submittedAt: string }; code?: string } };
        };
        const result = body.data?.submitBid;
        if (query === FLOOR) outcome.kind = body.data?.__typename === "Query" ? "accepted" : "error";
        else if (result?.__typename === "SubmitBidSuccess")
          Object.assign(outcome, { kind: "accepted", receivedAt: result.data!.submittedAt });
        else if (result?.__typename === "DeadlinePassedError") outcome.kind = "refused";
        else outcome.detail = result?.__typename ?? `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
      } catch (err) {
        outcome.ms = performance.now() - sentAt;
        outcome.detail = String(err);
      }
      answered += 1;
      if (answered % step === 0 || answered === shots.length) progress(`  ${label}: ${answered}/${shots.length} answered`);
      return outcome;
    }),
  );
}

/** CPU the API server process and PostgreSQL spend from now on, per submission (Linux /proc). */
function cpuMeter(child: ChildProcess) {
  const [api0, db0] = [treeCpuMs(child.pid!), postgresCpuMs()];
  return {
    perSubmission(submissions: number): string {
      const api = (treeCpuMs(child.pid!) - api0) / submissions;
      const db = (postgresCpuMs() - db0) / submissions;
      return `CPU per submission: API ${api.toFixed(2)} ms, PostgreSQL ${db.toFixed(2)} ms`;
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
}

function summary(outcomes: Outcome[], unit = "submissions"): string {
  const ms = outcomes.map((o) => o.ms);
  const span = (Math.max(...outcomes.map((o) => o.sentAt + o.ms)) - Math.min(...outcomes.map((o) => o.sentAt))) / 1000;
  return `p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms, ${(outcomes.length / span).toFixed(0)} ${unit}/s`;
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  log(
    `deadline bench: ${ON_TIME} submissions in the final second before a deadline and ${LATE} just after it (load average ${loadavg()[0]!.toFixed(2)}, ${availableParallelism()} cores, ${API_PROCESSES} API processes, client: ${clientConnections})`,
  );
  const database = await createDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  let server: { url: string; child: ChildProcess } | undefined;
  try {
    const { tenders, people } = await seed(pool, ON_TIME + LATE);
    const [deadlineTender, baselineTender] = tenders as [Tender, Tender];
    server = await startServer(database.url);
    progress(`  API server up at ${server.url}`);
    const onTime = people.slice(0, ON_TIME);
    const late = people.slice(ON_TIME);

    // Warm-up (not measured): the late suppliers submit on the baseline tender.
    await fire(
      server.url,
      late.map((p) => ({ bidId: p.bids[1]!, cookie: sessionCookie(p.token), at: 0 })),
      "warm-up",
    );

    // Baseline: the same 1,000 submissions spread over one second, on a tender whose deadline is 30 days away.
    // Each on-time supplier once, on the baseline tender, spread evenly over one second from 200 ms on.
    const overOneSecond = () => {
      const t0 = performance.now() + 200;
      return onTime.map((p, i) => ({ bidId: p.bids[1]!, cookie: sessionCookie(p.token), at: t0 + (1000 * i) / ON_TIME }));
    };
    const baselineCpu = cpuMeter(server.child);
    const baseline = await fire(server.url, overOneSecond(), "baseline");
    const baselineErrors = baseline.filter((o) => o.kind !== "accepted").length;
    log(
      `baseline (no deadline, same submissions): ${summary(baseline)}${baselineErrors ? `, ${baselineErrors} not accepted` : ""}`,
    );
    log(`  ${baselineCpu.perSubmission(baseline.length)}`);

    // The floor: the same 1,000 requests from the same people asking only { __typename }, so what HTTP,
    // GraphQL and reading the session cost on this machine is measured in the same run.
    const floorCpu = cpuMeter(server.child);
    const floor = await fire(server.url, overOneSecond(), "floor", FLOOR);
    log(`floor (the same requests without the submission): ${summary(floor, "requests")}`);
    log(`  ${floorCpu.perSubmission(floor.length).replace("per submission", "per request")}`);
    void baselineTender;

    // The deadline run: the deadline is set 3 s ahead on the database clock (the bench's own path to a
    // near deadline), then 1,000 submissions are spread over the final second and 100 over the 200 ms after.
    const clock = await pool.query<{ now: Date; deadline: Date }>(
      `UPDATE tender SET submission_deadline = date_trunc('milliseconds', clock_timestamp()) + interval '3 seconds',
              clarification_deadline = clock_timestamp()
        WHERE id = $1 RETURNING clock_timestamp() AS now, submission_deadline AS deadline`,
      [deadlineTender.id],
    );
    const localAtDeadline = performance.now() + (clock.rows[0]!.deadline.getTime() - clock.rows[0]!.now.getTime());
    const deadline = clock.rows[0]!.deadline;
    const shots: Shot[] = [
      ...onTime.map((p, i) => ({
        bidId: p.bids[0]!,
        cookie: sessionCookie(p.token),
        at: localAtDeadline - 1000 + (1000 * i) / ON_TIME,
      })),
      ...late.map((p, i) => ({ bidId: p.bids[0]!, cookie: sessionCookie(p.token), at: localAtDeadline + 1 + (200 * i) / LATE })),
    ];
    const clientCpu = process.cpuUsage();
    const deadlineCpu = cpuMeter(server.child);
    const outcomes = await fire(server.url, shots, "deadline run");
    const clientUsed = process.cpuUsage(clientCpu);
    const serverCpu = deadlineCpu.perSubmission(outcomes.length);

    // What the database holds decides what was accepted.
    const rows = await pool.query<{ id: string; submitted_at: Date | null }>(
      `SELECT id, submitted_at FROM bid WHERE tender_id = $1`,
      [deadlineTender.id],
    );
    const stored = new Map(rows.rows.map((r) => [r.id, r.submitted_at]));
    const accepted = outcomes.filter((o) => o.kind === "accepted");
    const lateAccepted =
      accepted.filter((o) => new Date(o.receivedAt!).getTime() >= deadline.getTime()).length +
      rows.rows.filter((r) => r.submitted_at && r.submitted_at.getTime() >= deadline.getTime()).length;
    const lostAccepted = accepted.filter((o) => stored.get(o.bidId)?.getTime() !== new Date(o.receivedAt!).getTime()).length;
    const acceptedIds = new Set(accepted.map((o) => o.bidId));
    const storedUnanswered = rows.rows.filter((r) => r.submitted_at && !acceptedIds.has(r.id)).length;
    const errors = outcomes.filter((o) => o.kind === "error");
    const lost = lostAccepted + storedUnanswered + errors.length;
    const refusedSentBefore = outcomes.filter((o, i) => o.kind === "refused" && i < ON_TIME).length;
    const onTimeAccepted = accepted.filter((o) => shots.findIndex((s) => s.bidId === o.bidId) < ON_TIME).length;

    log(
      `deadline run (${ON_TIME} in the final second, ${LATE} after): ${summary(outcomes)} (load average ${loadavg()[0]!.toFixed(2)})`,
    );
    // The client shares the machine with the server: how late it sent (behind its schedule) and what it cost.
    const sendLag = outcomes.map((o, i) => o.sentAt - shots[i]!.at);
    const lastOnTimeSend = Math.max(...outcomes.slice(0, ON_TIME).map((o) => o.sentAt)) - localAtDeadline;
    log(
      `  client: sends ${percentile(sendLag, 95).toFixed(0)} ms behind schedule at p95 (the last of the ${ON_TIME} left ${Math.abs(lastOnTimeSend).toFixed(0)} ms ${lastOnTimeSend > 0 ? "after" : "before"} the deadline), ${((clientUsed.user + clientUsed.system) / 1000 / outcomes.length).toFixed(2)} ms CPU per submission`,
    );
    log(`  ${serverCpu}`);
    log(
      `  accepted ${accepted.length} (${onTimeAccepted} of the ${ON_TIME} sent before the deadline), refused ${outcomes.length - accepted.length - errors.length} with DeadlinePassedError`,
    );
    if (refusedSentBefore)
      log(
        `  ${refusedSentBefore} sent before the deadline reached the database after it and were refused (the database clock decides)`,
      );
    if (errors.length) log(`  errors: ${[...new Set(errors.map((e) => e.detail))].slice(0, 3).join(" | ")}`);
    log(
      `  late accepted ${lateAccepted}, lost ${lost} (accepted but not stored ${lostAccepted}, stored but not answered ${storedUnanswered}, errors ${errors.length})`,
    );
    log(
      JSON.stringify({
        bench: "deadline",
        submitted: outcomes.length,
        accepted: accepted.length,
        late_accepted: lateAccepted,
        lost,
        p95_ms: Math.round(
          percentile(
            outcomes.map((o) => o.ms),
            95,
          ),
        ),
      }),
    );
  } finally {
    agent.destroy();
    if (server) {
      server.child.kill("SIGTERM");
      await new Promise((r) => server!.child.once("exit", r));
    }
    await pool.end();
    await database.drop();
  }
}

await main();
