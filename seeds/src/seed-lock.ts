import pg from "pg";
import type { Deps } from "@ccm/api";

// Two processes seeding one database at once (several `pnpm start` replicas, parallel test files) would
// race between "find" and "create". A session advisory lock on PostgreSQL, held on its own connection for
// the whole run, makes them take turns; the second then finds everything and creates nothing.
const SEED_LOCK = 0x73656564; // "seed"

let inProcess: Promise<unknown> = Promise.resolve();

/** Runs `fn` while holding the seed lock of this database. */
export async function withSeedLock<T>(deps: Pick<Deps, "db">, fn: () => Promise<T>): Promise<T> {
  // PGlite lives in this process only: a promise chain is the whole lock.
  const previous = inProcess;
  let release!: () => void;
  inProcess = new Promise<void>((resolve) => (release = resolve));
  await previous;
  try {
    if (!deps.db.url) return await fn();
    const client = new pg.Client({ connectionString: deps.db.url });
    await client.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [SEED_LOCK]);
      return await fn();
    } finally {
      // Closing the session releases the lock even if unlocking fails.
      await client.end();
    }
  } finally {
    release();
  }
}
