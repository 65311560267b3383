import type { Prisma, PrismaClient } from "@ccm/prisma";

/** A Prisma client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/** Either the client or a transaction: read-only helpers accept both. */
export type Db = PrismaClient | Tx;

/** The database's clock inside this transaction: deadlines are decided by it, never the app server's. */
export async function databaseNow(tx: Db): Promise<Date> {
  const rows = await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  const now = rows[0]?.now;
  if (!now) throw new Error("the database did not return its clock");
  return new Date(now);
}
