import { EventEmitter } from "node:events";
import type { PgNotification, PgPool, PgPoolClient, PgQueryResult } from "bullmq";
import type { Database } from "@ccm/prisma";

// BullMQ's PostgreSQL backend accepts any object shaped like a `pg.Pool` (connect, query, end). This one
// runs everything on the embedded PGlite instance of `pnpm start`, so the queues live in the same
// database file without a server. PGlite is ONE session, which shapes the whole adapter:
// - LISTEN goes through `db.listen()` (PGlite then delivers NOTIFYs of its own session, which is exactly
//   what a worker in the same process needs);
// - BEGIN..COMMIT on a checked-out client becomes a `db.transaction()`, which holds PGlite's lock so no
//   other query can slip into the open transaction;
// - every query first yields to the event loop: PGlite runs queries synchronously in WebAssembly, and a
//   worker polling back to back would otherwise starve HTTP requests.

export type PGliteInstance = NonNullable<Database["pglite"]>;
type PgliteTransaction = Parameters<Parameters<PGliteInstance["transaction"]>[0]>[0];
type PgliteResults = Awaited<ReturnType<PGliteInstance["query"]>>;
type Runner = Pick<PgliteTransaction, "query" | "exec">;

/** The schema BullMQ uses with a supplied pool (it reads `search_path`; see queue-backend.ts). */
export const PGLITE_QUEUE_SCHEMA = "bullmq";

// node-postgres returns int8 and numeric as strings; BullMQ is written (and tested) against that.
const PG_COMPATIBLE_PARSERS = { 20: (value: string) => value, 1700: (value: string) => value };

const ENDED_MESSAGE = "Cannot use a pool after calling end on the pool";

/**
 * A `pg.Pool` look-alike over an in-process PGlite instance, for BullMQ's PostgreSQL backend.
 * `SET search_path` is applied to the instance itself (one session), with `public` first so that the
 * application's unqualified SQL keeps resolving to its own tables.
 */
export async function createPglitePool(db: PGliteInstance): Promise<PglitePool> {
  await db.exec(`SET search_path TO public, ${PGLITE_QUEUE_SCHEMA}`);
  return new PglitePool(db);
}

export class PglitePool extends EventEmitter implements PgPool {
  /** Read by BullMQ's relay backend to check the pool size; one PGlite session serves everything. */
  readonly options = { max: 10 };
  private ended = false;
  private readonly clients = new Set<PglitePoolClient>();

  constructor(private readonly db: PGliteInstance) {
    super();
    // Every BullMQ queue, worker and flow producer attaches its own 'error' listener to the pool.
    this.setMaxListeners(0);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  async query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<PgQueryResult<R>> {
    this.assertOpen();
    return runQuery<R>(this.db, text, params);
  }

  async connect(): Promise<PgPoolClient> {
    this.assertOpen();
    const client = new PglitePoolClient(this.db, this, () => this.clients.delete(client));
    this.clients.add(client);
    return client;
  }

  /** Stops listening and refuses further queries; the PGlite instance itself belongs to the Database. */
  async end(): Promise<void> {
    this.ended = true;
    await Promise.all([...this.clients].map((client) => client.dispose()));
  }

  assertOpen(): void {
    if (this.ended) throw new Error(ENDED_MESSAGE);
  }
}

interface OpenTransaction {
  tx: PgliteTransaction;
  finish(commit: boolean): void;
  done: Promise<void>;
}

/** One "connection" checked out of the pool: a LISTEN subscriber or a BEGIN..COMMIT session. */
export class PglitePoolClient extends EventEmitter implements PgPoolClient {
  private readonly listening = new Map<string, () => Promise<void>>();
  private transaction: OpenTransaction | undefined;

  constructor(
    private readonly db: PGliteInstance,
    private readonly pool: PglitePool,
    private readonly onRelease: () => void,
  ) {
    super();
    this.setMaxListeners(0);
  }

  async query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<PgQueryResult<R>> {
    this.pool.assertOpen();
    const statement = classify(text);
    switch (statement.kind) {
      case "begin":
        await this.begin();
        return empty<R>();
      case "commit":
        await this.end(true);
        return empty<R>();
      case "rollback":
        await this.end(false);
        return empty<R>();
      case "listen":
        await this.listen(statement.channel);
        return empty<R>();
      case "unlisten":
        await this.unlisten(statement.channel);
        return empty<R>();
      default:
        return runQuery<R>(this.transaction?.tx ?? this.db, text, params);
    }
  }

  release(): void {
    void this.dispose();
  }

  /** Ends what this client holds: its subscriptions, and an unfinished transaction (rolled back). */
  async dispose(): Promise<void> {
    this.onRelease();
    if (this.transaction) await this.end(false).catch(() => undefined);
    await Promise.all([...this.listening.keys()].map((channel) => this.unlisten(channel)));
    this.removeAllListeners("notification");
  }

  private async begin(): Promise<void> {
    if (this.transaction) throw new Error("BEGIN inside an open transaction on the PGlite pool client");
    let finish!: (commit: boolean) => void;
    const decided = new Promise<boolean>((resolve) => (finish = resolve));
    let started!: (tx: PgliteTransaction) => void;
    const opened = new Promise<PgliteTransaction>((resolve) => (started = resolve));
    const done = this.db.transaction(async (tx) => {
      started(tx);
      if (!(await decided)) await tx.rollback();
    });
    // If PGlite fails to open the transaction, `done` rejects before the callback ever runs.
    const tx = await Promise.race([opened, done.then(() => Promise.reject(new Error("transaction closed")))]);
    this.transaction = { tx, finish, done };
  }

  private async end(commit: boolean): Promise<void> {
    const open = this.transaction;
    if (!open) return; // like PostgreSQL: COMMIT/ROLLBACK outside a transaction only warns
    this.transaction = undefined;
    open.finish(commit);
    if (commit) await open.done;
    else await open.done.catch(() => undefined);
  }

  private async listen(channel: string): Promise<void> {
    if (this.listening.has(channel)) return;
    const unsubscribe = await this.db.listen(channel, (payload) => {
      const notification: PgNotification = { channel, payload, processId: 0 };
      this.emit("notification", notification);
    });
    this.listening.set(channel, () => unsubscribe());
  }

  private async unlisten(channel: string): Promise<void> {
    const channels = channel === "*" ? [...this.listening.keys()] : [channel];
    for (const name of channels) {
      const unsubscribe = this.listening.get(name);
      this.listening.delete(name);
      if (unsubscribe && !this.db.closed) await unsubscribe().catch(() => undefined);
    }
  }
}

type Statement = { kind: "begin" | "commit" | "rollback" | "other" } | { kind: "listen" | "unlisten"; channel: string };

/** Recognises the session statements the adapter must handle itself (the SQL files carry comments). */
export function classify(text: string): Statement {
  const sql = text
    .replace(/--[^\n]*/g, "")
    .trim()
    .replace(/;\s*$/, "")
    .trim();
  if (/^(BEGIN|START TRANSACTION)(\s+ISOLATION LEVEL [A-Z ]+)?$/i.test(sql)) return { kind: "begin" };
  if (/^(COMMIT|END)$/i.test(sql)) return { kind: "commit" };
  if (/^ROLLBACK$/i.test(sql)) return { kind: "rollback" };
  const listen = /^(UN)?LISTEN\s+("?)([A-Za-z_][A-Za-z0-9_$]*|\*)\2$/i.exec(sql);
  if (listen?.[3]) return { kind: listen[1] ? "unlisten" : "listen", channel: listen[3] };
  return { kind: "other" };
}

async function runQuery<R>(runner: Runner, text: string, params?: readonly unknown[]): Promise<PgQueryResult<R>> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (params && params.length > 0) {
    const values = params.map((value) => (value === undefined ? null : value));
    return toPgResult<R>(await runner.query(text, values, { parsers: PG_COMPATIBLE_PARSERS }));
  }
  // Without parameters node-postgres uses the simple protocol, which allows several statements in one
  // string (BullMQ's migrations rely on it); PGlite's exec() is the same, and the last result is returned.
  const results = await runner.exec(text, { parsers: PG_COMPATIBLE_PARSERS });
  const last = results.at(-1);
  return last ? toPgResult<R>(last) : empty<R>();
}

function toPgResult<R>(result: PgliteResults): PgQueryResult<R> {
  return { rows: result.rows as R[], rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
}

function empty<R>(): PgQueryResult<R> {
  return { rows: [], rowCount: 0 };
}
