import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client.ts";
import { deployMigrations, type SqlRunner } from "./migrations.ts";

export type DatabaseKind = "postgres" | "pglite";

/** One open database: the Prisma client plus the raw handle for SQL that Prisma cannot express. */
export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Raw SQL with parameters, on the same database (a pool for PostgreSQL, the instance for PGlite). */
  sql: SqlRunner;
  /** Set for PostgreSQL: the connection string, for BullMQ's backend and extra pools. */
  url?: string;
  /**
   * Set for PostgreSQL: a second pool whose connections pipeline (send a statement before the
   * previous one is answered), for the hot paths that run a transaction in raw SQL.
   */
  pipelinePool?: pg.Pool;
  /** Set for PGlite: the in-process instance, for BullMQ's backend on the same database. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent, the embedded PGlite in `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** Folder for the embedded database (default `.data/pglite`); `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Maximum PostgreSQL connections in this process's pool. */
  poolSize?: number;
  /** How many statements a connection keeps prepared before it is replaced (MAX_PREPARED_PER_CONNECTION; tests lower it). */
  maxPreparedPerConnection?: number;
}

/** Opens the database: PostgreSQL when a URL is given, otherwise the embedded PGlite, migrated. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const db = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10, options.maxPreparedPerConnection ?? MAX_PREPARED_PER_CONNECTION)
    : await openPglite(options.dataDir ?? ".data/pglite");
  if (options.migrate ?? true) await deployMigrations(db.sql);
  return db;
}

/**
 * GraphQL can ask a mutation for `{ __typename }` alone; Pothos then hands resolvers `select: {}`, which
 * Prisma rejects ("select must not be empty"). An empty select means "nothing in particular", so it is
 * dropped (all scalars are returned) for every model and operation, in one place.
 */
function withEmptySelectAsDefault(client: PrismaClient): PrismaClient {
  const extended = client.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          const select = (args as { select?: object } | undefined)?.select;
          if (select && Object.keys(select).length === 0) {
            const { select: _empty, ...rest } = args as { select?: object };
            return query(rest as typeof args);
          }
          return query(args);
        },
      },
    },
  });
  // The extension changes behaviour only, not the client's API, so it keeps the PrismaClient type.
  return extended as unknown as PrismaClient;
}

/** A prepared statement's name, from its text: the same text is the same statement on every connection. */
function preparedStatementName(text: string): string {
  return `ccm_${createHash("sha256").update(text).digest("base64url").slice(0, 32)}`;
}

/**
 * How long a pooled PostgreSQL connection may stay idle before the pool closes it (ADR 0016). A new
 * connection costs far more than its connect: the backend's caches start empty and prepared statements
 * are per connection, so its first catalogue search took 46-181 ms against 5-10 ms on a warm one. With
 * pg's default of 10 s, every lull of 10 s closed the connections a burst had opened, and the next burst
 * paid that again on each.
 */
export const IDLE_CONNECTION_MS = 5 * 60_000;

/**
 * How many statements a connection of the prepared pool keeps prepared. Each holds its generic plan in
 * the backend (about 0.3 MB for a catalogue search's counts, 1.3 MB for a browse's), so a connection that
 * reaches this many is closed when it is released, its statements with it, and the pool opens a fresh
 * one when it needs one. The catalogue search prepares a few dozen forms for the common filters.
 */
export const MAX_PREPARED_PER_CONNECTION = 64;

function openPostgres(url: string, max: number, maxPrepared: number): Database {
  const options = { connectionString: url, max, idleTimeoutMillis: IDLE_CONNECTION_MS };
  const pool = new pg.Pool(options);
  // Prepared statements (QueryOptions.prepared) run on their own pool, whose connections plan every
  // statement generically (ADR 0019): the setting applies to the unnamed statements of Prisma and of
  // other raw SQL too, which are planned for their values.
  const preparedPool = new pg.Pool({ ...options, options: "-c plan_cache_mode=force_generic_plan" });
  const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();
  const queryPrepared = async (text: string, params: unknown[] | undefined) => {
    const name = preparedStatementName(text);
    const client = await preparedPool.connect();
    let names = preparedOn.get(client);
    if (!names) preparedOn.set(client, (names = new Set<string>()));
    try {
      const result = await client.query({ name, text, values: params });
      names.add(name);
      client.release(names.size >= maxPrepared);
      return result;
    } catch (e) {
      // As pg's pool.query does: a connection whose query failed is not reused.
      client.release(e instanceof Error ? e : true);
      throw e;
    }
  };
  // BIGINT money columns come back from raw SQL as strings unless parsed; they are integer pence.
  const prisma = withEmptySelectAsDefault(new PrismaClient({ adapter: new PrismaPg(pool) }));
  const pipelinePool = new pg.Pool({ ...options, pipeline: true });
  // An idle connection that PostgreSQL closes (a restart, a dropped database, or one still closing after
  // end()) is dropped from its pool, which then emits "error": without a listener that would crash the process.
  for (const p of [pool, pipelinePool, preparedPool]) p.on("error", () => undefined);
  const sql: SqlRunner = {
    query: async (text, params, options) =>
      (options?.prepared ? queryPrepared(text, params) : pool.query(text, params as unknown[])) as never,
    exec: async (text) => {
      // Multi-statement scripts must run on a single connection.
      const client = await pool.connect();
      try {
        return await client.query(text);
      } finally {
        client.release();
      }
    },
  };
  return {
    kind: "postgres",
    prisma,
    sql,
    url,
    pipelinePool,
    async close() {
      await prisma.$disconnect();
      await pipelinePool.end();
      await preparedPool.end();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const instance = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const prisma = withEmptySelectAsDefault(new PrismaClient({ adapter: new PrismaPGlite(instance) }));
  const sql: SqlRunner = {
    query: async (text, params) => instance.query(text, params as unknown[]) as never,
    exec: (text) => instance.exec(text),
  };
  return {
    kind: "pglite",
    prisma,
    sql,
    pglite: instance,
    async close() {
      await prisma.$disconnect();
      await instance.close();
    },
  };
}
