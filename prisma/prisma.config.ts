import { defineConfig } from "prisma/config";

// Migrations run through scripts/migrate.ts (the Wasm schema engine), not the Prisma CLI,
// so the CLI only needs the schema; no datasource means `prisma generate` works anywhere.
export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
