import type { Prisma, SqlRunner } from "@ccm/prisma";
import type { Db } from "../shared/transaction.ts";

/** A Prisma client or transaction, or the raw runner of `deps.db.sql` (pg pool or PGlite). */
export type SqlTarget = Db | SqlRunner;

/** Runs a parameterised statement built with Prisma.sql on either kind of target. */
export async function executeSql(db: SqlTarget, statement: Prisma.Sql): Promise<void> {
  if ("$executeRaw" in db) await db.$executeRaw(statement);
  else await db.query(statement.text, statement.values);
}
