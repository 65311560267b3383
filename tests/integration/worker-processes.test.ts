import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { closeDeps, createDeps, loadConfig, type Deps } from "@ccm/api";
import { notify } from "@ccm/api/notifications/notify";
import { createIsolatedDatabase } from "../support/isolated-database.ts";

// Scale-out as DESIGN.md section 5 describes it: several worker processes (worker/src/main.ts, exactly as
// deployed) share one queue. Every job must run exactly once, and the work must spread over the processes.
// Runs on Redis (the production setting) and on BullMQ's PostgreSQL backend (the default without Redis).

const WORKER_DIR = resolve(fileURLToPath(import.meta.url), "../../../worker");
const PROCESSES = 3;
const JOBS = 30;

interface WorkerProcess {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

let database: Awaited<ReturnType<typeof createIsolatedDatabase>>;
const started: WorkerProcess[] = [];

beforeAll(async () => {
  database = await createIsolatedDatabase("workers");
});
afterAll(async () => {
  for (const p of started) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  await database?.drop();
});

function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: WORKER_DIR,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Record<string, unknown>[] = [];
  let buffered = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const complete = buffered.split("\n");
    buffered = complete.pop() ?? "";
    for (const line of complete) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((done) =>
    child.on("exit", (code) => {
      if (code !== 0) console.error(`worker ${child.pid} exited with ${code}:\n${stderr}`);
      done(code);
    }),
  );
  const process_ = { child, lines, exited };
  started.push(process_);
  return process_;
}

const logged = (p: WorkerProcess, msg: string) => p.lines.filter((l) => l.msg === msg);

describe.each(["redis", "postgres"] as const)("several worker processes on one queue (%s)", (backend) => {
  let deps: Deps;
  const env = {
    NODE_ENV: "test",
    LOG_LEVEL: "debug",
    DATABASE_URL: "",
    REDIS_URL: backend === "redis" ? inject("redisUrl") : "",
    QUEUE_PREFIX: `workers_${backend}_${randomBytes(4).toString("hex")}`,
    WORKER_QUEUES: "notifications",
    WORKER_CONCURRENCY: "2",
  };

  beforeAll(async () => {
    env.DATABASE_URL = database.url;
    deps = await createDeps(loadConfig(env));
  });
  afterAll(async () => {
    if (deps) await closeDeps(deps);
  });

  it(`runs ${JOBS} jobs each exactly once, spread over ${PROCESSES} processes, and stops gracefully`, async () => {
    const workers = Array.from({ length: PROCESSES }, () => startWorkerProcess(env));
    // Generous waits: three processes start (tsx, Prisma, BullMQ) on a machine that may be busy.
    await vi.waitFor(() => expect(workers.map((w) => logged(w, "worker ready").length)).toEqual(Array(PROCESSES).fill(1)), {
      timeout: 240_000,
      interval: 200,
    });
    expect(logged(workers[0]!, "worker ready")[0]).toMatchObject({ backend, queues: ["notifications"] });

    const run = randomBytes(4).toString("hex");
    await deps.prisma.user.createMany({
      data: Array.from({ length: JOBS }, (_, i) => ({ name: `Worker test ${i}`, email: `workers-${run}-${i}@example.org` })),
    });
    const users = await deps.prisma.user.findMany({ where: { email: { startsWith: `workers-${run}-` } } });
    await deps.prisma.$transaction(
      async (tx) => {
        for (const user of users)
          await notify(tx, {
            userIds: [user.id],
            kind: "test.scale-out",
            title: "Hello",
            body: "One job per person",
            dedupeKey: `scale-out:${run}:${user.id}`,
          });
      },
      { timeout: 60_000 },
    );
    deps.outbox.kick();

    await vi.waitFor(
      async () =>
        expect(
          await deps.prisma.notification.count({ where: { userId: { in: users.map((u) => u.id) }, emailedAt: { not: null } } }),
        ).toBe(JOBS),
      { timeout: 240_000, interval: 250 },
    );
    for (const w of workers) w.child.kill("SIGTERM");
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual(Array(PROCESSES).fill(0));
    for (const w of workers) expect(logged(w, "worker stopped")).toHaveLength(1);

    const completions = workers.flatMap((w) =>
      logged(w, "job completed")
        .filter((l) => String(l.jobId).startsWith(`notify-scale-out.${run}.`))
        .map((l) => ({ jobId: String(l.jobId), pid: w.child.pid })),
    );
    const timesRun = new Map<string, number>();
    for (const c of completions) timesRun.set(c.jobId, (timesRun.get(c.jobId) ?? 0) + 1);
    expect(timesRun.size).toBe(JOBS);
    expect([...timesRun.values()].every((n) => n === 1)).toBe(true);
    const busyProcesses = new Set(completions.map((c) => c.pid));
    expect(busyProcesses.size).toBeGreaterThan(1);
    console.info(
      `${backend}: jobs per process`,
      workers.map((w) => completions.filter((c) => c.pid === w.child.pid).length),
    );
  }, 600_000);
});
