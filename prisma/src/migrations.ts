import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The standard prisma/migrations folder of this package. */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "migrations");

/** Anything that runs SQL: a pg client or a PGlite instance. */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

export interface QueryOptions {
  /**
   * Keep the statement prepared on each connection that runs it, with a generic plan: PostgreSQL parses
   * and plans it once per connection, for any values (ADR 0019). Only for a statement whose best plan
   * does not depend on its values (its text fixes which indexes it reads) and whose text takes a bounded
   * number of forms: a connection keeps at most MAX_PREPARED_PER_CONNECTION. PGlite ignores it.
   */
  prepared?: boolean;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Lists the migration folders in order, with the sha256 checksum Prisma records for each. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// The same table and lock key that `prisma migrate deploy` uses, so the real CLI can take over
// wherever its native engine is available.
const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;
const PRISMA_ADVISORY_LOCK = 72707369;

export class MigrationChecksumError extends Error {
  constructor(readonly migration: string) {
    super(`migration ${migration} was edited after it was applied; add a new migration instead`);
  }
}

/**
 * Applies pending migrations in order, each in its own transaction, under Prisma's advisory lock
 * so that several processes starting at once apply each migration exactly once.
 */
export async function deployMigrations(db: SqlRunner, migrations = listMigrations()): Promise<string[]> {
  await db.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
  try {
    await db.exec(HISTORY_TABLE);
    const { rows } = await db.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) throw new MigrationChecksumError(m.name);
        continue;
      }
      await db.exec(`BEGIN;\n${m.sql}\n;COMMIT;`).catch(async (e: unknown) => {
        await db.exec("ROLLBACK").catch(() => undefined);
        throw e;
      });
      await db.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 1)`,
        [randomUUID(), m.checksum, m.name],
      );
      done.push(m.name);
    }
    return done;
  } finally {
    await db.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]);
  }
}
