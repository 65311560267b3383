import type { Writable } from "node:stream";
import type { Database, Prisma, PrismaClient } from "@ccm/prisma";

/** A Prisma client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/** Either the client or a transaction: read-only helpers accept both. */
export type Db = PrismaClient | Tx;

/** The database's clock inside this transaction: deadlines are decided by it, never the app server's. */
export async function databaseNow(tx: Db | SqlTx): Promise<Date> {
  const rows = await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  const now = rows[0]?.now;
  if (!now) throw new Error("the database did not return its clock");
  return new Date(now);
}

/**
 * The raw-SQL part of a transaction client: all that the hottest write paths (a bid submission, its
 * notification's outbox row and its audit event) use, so they can run on Prisma's transaction client or
 * on a plain connection alike. Prisma sends a statement when it is awaited; the plain connection sends
 * it at once, so statements issued before awaiting the first travel together (see sqlTransaction).
 */
export interface SqlTx {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
  /** True when statements are sent as they are issued, so issuing several before awaiting pipelines them. */
  readonly pipelined?: boolean;
}

/**
 * Runs steps that each issue statements, in this order, and returns their results. On a pipelining
 * connection every step is started at once (their statements travel together and run in the order
 * issued); otherwise each step is awaited before the next starts.
 */
export async function inOrder<T extends readonly unknown[]>(
  tx: SqlTx,
  steps: { [K in keyof T]: () => PromiseLike<T[K]> },
): Promise<T> {
  if (tx.pipelined) return (await Promise.all(steps.map((step) => step()))) as unknown as T;
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as unknown as T;
}

/**
 * Runs `fn` in one transaction in raw SQL on a pipelining connection: at a submission deadline a
 * thousand bids arrive in a second, and both Prisma's interactive transaction and each round trip cost
 * more CPU than the statements themselves. BEGIN travels with the first statement, and statements `fn`
 * issues before awaiting (e.g. an audit lock and its insert) travel together; PostgreSQL still runs
 * them one after another, in order. On the embedded PGlite (one session, no pool) it is Prisma's
 * transaction, with `options` as its limits; on PostgreSQL a statement waits for its locks as long as
 * the transactions holding them last. BIGINT results come back as text here, not bigint: convert where
 * it matters.
 */
export async function sqlTransaction<T>(
  db: Pick<Database, "prisma" | "pipelinePool">,
  fn: (tx: SqlTx) => Promise<T>,
  options: { maxWait: number; timeout: number },
): Promise<T> {
  if (!db.pipelinePool) return db.prisma.$transaction((tx) => fn(tx), options);
  const client = await db.pipelinePool.connect();
  // Statements issued in one tick leave in one write: each write to PostgreSQL's socket costs a system
  // call and a wake-up of its backend, more than a small statement costs it. pg corks and uncorks around
  // each statement it sends; corked here as well, they stay buffered until this tick's statements are in.
  const socket = (client as unknown as { connection: { stream: Writable } }).connection.stream;
  let corked = false;
  const cork = () => {
    if (corked) return;
    corked = true;
    socket.cork();
    process.nextTick(() => {
      corked = false;
      socket.uncork();
    });
  };
  cork();
  const begun = client.query("BEGIN");
  begun.catch(() => undefined); // awaited by every statement below; this only keeps an unused failure handled
  // Nothing is answered before BEGIN is: if it failed, fn stops at its first statement.
  const run = async (strings: TemplateStringsArray, values: unknown[]) => {
    cork();
    const result = client.query(
      strings.reduce((text, part, i) => `${text}$${i}${part}`),
      values,
    );
    await begun;
    return result;
  };
  const tx: SqlTx = {
    pipelined: true,
    $queryRaw: async <R>(strings: TemplateStringsArray, ...values: unknown[]) => (await run(strings, values)).rows as R,
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (await run(strings, values)).rowCount ?? 0,
  };
  let broken = false;
  try {
    const result = await fn(tx);
    const committed = await client.query("COMMIT");
    // COMMIT in a transaction that a statement had aborted answers ROLLBACK instead of failing.
    if (committed.command !== "COMMIT") throw new Error(`the transaction did not commit (${committed.command})`);
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
