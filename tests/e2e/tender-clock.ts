// Test-only: brings a published tender's deadline to a few seconds from now, so a journey can cross it.
// The real validation refuses periods shorter than the legal minimum, so the row is written directly in
// the e2e server's database (the one that holds this tender), and the tender's delayed close job is
// run now: the close job itself checks the database clock and waits for the new deadline if it is early.
import { Queue } from "bullmq";
import pg from "pg";

const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
// tests/e2e/server.ts names each run's database ccm_e2e_<time>_<hex> and its queue prefix test-<database>.
const DATABASE_PREFIX = "ccm_e2e_";

/** Opens a connection to the e2e database that holds this tender (several runs may share the server). */
async function databaseHolding(tenderId: string): Promise<{ client: pg.Client; name: string }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC",
      [`${DATABASE_PREFIX}%`],
    );
    for (const { datname } of rows) {
      const client = new pg.Client({ connectionString: ADMIN_URL.replace(/\/[^/]*$/, `/${datname}`) });
      try {
        await client.connect();
        const found = await client.query("SELECT 1 FROM tender WHERE id = $1", [tenderId]);
        if (found.rowCount) return { client, name: datname };
      } catch {
        // A database being created or dropped by another run: not ours.
      }
      await client.end().catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
  throw new Error(`no e2e database holds tender ${tenderId}`);
}

/**
 * Moves the tender's deadlines to `seconds` from now on the database clock (the question deadline a
 * second earlier) and has the e2e server's worker run its close job; returns the new deadline.
 */
export async function closeTenderSoon(tenderId: string, seconds = 3): Promise<Date> {
  const { client, name } = await databaseHolding(tenderId);
  let deadline: Date;
  let version: number;
  try {
    const { rows } = await client.query<{ submission_deadline: Date; version: number }>(
      `UPDATE tender
          SET submission_deadline = clock_timestamp() + make_interval(secs => $2),
              clarification_deadline = clock_timestamp() + make_interval(secs => $2 - 1)
        WHERE id = $1 AND published_at IS NOT NULL
        RETURNING submission_deadline, version`,
      [tenderId, seconds],
    );
    if (!rows[0]) throw new Error(`tender ${tenderId} is not published`);
    deadline = rows[0].submission_deadline;
    version = rows[0].version;
  } finally {
    await client.end();
  }

  const queue = new Queue("deadlines", {
    connection: { host: REDIS_URL.hostname, port: Number(REDIS_URL.port || 6379) },
    prefix: `test-${name}`,
  });
  try {
    const job = await queue.getJob(`close-${tenderId}-v${version}`);
    if (!job) throw new Error(`the close job of tender ${tenderId} (version ${version}) is not queued`);
    // Run it now; finding the deadline still ahead, it moves itself back to the new deadline.
    if (await job.isDelayed()) await job.promote();
  } finally {
    await queue.close();
  }
  return deadline;
}
