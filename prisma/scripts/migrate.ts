// Offline stand-in for `prisma migrate dev|deploy|reset` on Prisma 7 (ADR 0002).
// Prisma's CLI migrates through a native schema engine that it downloads, which this machine cannot.
// `dev` drives the same engine compiled to WebAssembly (@prisma/schema-engine-wasm, pinned to the
// build Prisma 7.10.0 uses) against a throwaway in-memory PGlite: replay the migrations folder, diff it
// with schema.prisma, write prisma/migrations/<timestamp>_<name>/migration.sql. `deploy` and `reset`
// apply that folder with the standard _prisma_migrations table (src/migrations.ts), so the real
// `prisma migrate deploy` can take over wherever its binary exists.
//
//   pnpm db:migrate <name>   create a migration from a schema change, then apply it
//   pnpm db:deploy           apply pending migrations
//   pnpm db:reset            drop and re-create the public schema, apply everything (dev/test only)
// Target: DATABASE_URL when set, else the embedded PGlite in PGLITE_DIR (default ../.data/pglite).
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openDatabase } from "../src/database.ts";
import { deployMigrations, listMigrations, MIGRATIONS_DIR } from "../src/migrations.ts";

const here = dirname(fileURLToPath(import.meta.url));
const SCHEMA = resolve(here, "../schema.prisma");
const LOCK = "migration_lock.toml";
const filters = { externalTables: [], externalEnums: [] };
const defaultPglite = resolve(here, "../../.data/pglite");

// The Wasm engine's generated glue has no types; these are the few calls used here.
interface SchemaEngine {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout?: string }>;
  free(): void;
}
// The WebAssembly global is not in the ES lib typings; only these two calls are used.
const { WebAssembly: Wasm } = globalThis as unknown as {
  WebAssembly: {
    Instance: new (module: unknown, imports: object) => { exports: object };
    Module: new (bytes: Buffer) => unknown;
  };
};
interface EngineGlue {
  __wbg_set_wasm(exports: object): void;
  SchemaEngine: { new: (opts: unknown, log: () => void, adapter: unknown) => Promise<SchemaEngine> };
}

async function loadEngine(): Promise<EngineGlue> {
  const require = createRequire(import.meta.url);
  const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg" as string)) as EngineGlue;
  const wasmPath = join(dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
  const instance = new Wasm.Instance(new Wasm.Module(await readFile(wasmPath)), { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return glue;
}

function migrationsList() {
  const lockPath = join(MIGRATIONS_DIR, LOCK);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCK, content: existsSync(lockPath) ? 'provider = "postgresql"\n' : null },
    shadowDbInitScript: "",
    migrationDirectories: listMigrations().map((m) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
    })),
  };
}

/** Writes a new migration folder with the SQL that takes the migrations folder to schema.prisma. */
async function createMigration(name: string): Promise<string | undefined> {
  const glue = await loadEngine();
  const shadow = await PGlite.create({ extensions: { pg_trgm } });
  const factory = new PrismaPGlite(shadow) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const engine = await glue.SchemaEngine.new({ datamodels: undefined }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    const files = [{ path: SCHEMA, content: await readFile(SCHEMA, "utf8") }];
    const list = migrationsList();
    if (list.migrationDirectories.length) await engine.applyMigrations({ migrationsList: list, filters });
    const diff = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: dirname(SCHEMA) },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true,
      filters,
    });
    if (diff.exitCode === 0 || !diff.stdout) return undefined;
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = join(MIGRATIONS_DIR, `${stamp}_${name.replace(/\W+/g, "_").toLowerCase()}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "migration.sql"), diff.stdout);
    if (!existsSync(join(MIGRATIONS_DIR, LOCK))) await writeFile(join(MIGRATIONS_DIR, LOCK), 'provider = "postgresql"\n');
    return dir;
  } finally {
    engine.free();
    await shadow.close();
  }
}

async function target() {
  const url = process.env.DATABASE_URL;
  return openDatabase(
    url ? { databaseUrl: url, migrate: false } : { dataDir: process.env.PGLITE_DIR ?? defaultPglite, migrate: false },
  );
}

async function main() {
  const [command, name] = process.argv.slice(2);
  if (command === "dev") {
    if (!name) throw new Error("usage: pnpm db:migrate <name>");
    const dir = await createMigration(name);
    console.log(dir ? `created ${dir}` : "no schema changes");
  } else if (command !== "deploy" && command !== "reset") {
    throw new Error("usage: migrate.ts dev <name> | deploy | reset");
  }
  const db = await target();
  try {
    if (command === "reset") {
      await db.sql.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      console.log(`${db.kind}: reset`);
    }
    const applied = await deployMigrations(db.sql);
    console.log(`${db.kind}: applied ${applied.length ? applied.join(", ") : "nothing (up to date)"}`);
  } finally {
    await db.close();
  }
}

// The Wasm engine leaves long timers armed; exit explicitly instead of waiting for them.
main().then(
  () => process.stdout.write("", () => process.exit(0)),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
