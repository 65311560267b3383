import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { deployMigrations, openDatabase } from "@ccm/prisma";

/**
 * A fresh, migrated PostgreSQL database of its own, for tests that must see every outbox row or queue job
 * in the database (the run's shared database has other files' rows and relays). Drop it afterwards.
 */
export async function createIsolatedDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const runUrl = inject("databaseUrl");
  const name = `${runUrl.slice(runUrl.lastIndexOf("/") + 1)}_${label}_${randomBytes(3).toString("hex")}`.slice(0, 63);
  const adminUrl = runUrl.replace(/\/[^/]*$/, "/postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = runUrl.replace(/\/[^/]*$/, `/${name}`);
  const db = await openDatabase({ databaseUrl: url, migrate: false });
  await deployMigrations(db.sql);
  await db.close();
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
