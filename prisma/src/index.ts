export { openDatabase, type Database, type DatabaseKind, type OpenDatabaseOptions } from "./database.ts";
export {
  deployMigrations,
  listMigrations,
  MIGRATIONS_DIR,
  MigrationChecksumError,
  type QueryOptions,
  type SqlRunner,
} from "./migrations.ts";
export { Prisma, PrismaClient } from "./generated/prisma/client.ts";
export type * from "./generated/prisma/client.ts";
