// Writes api/schema.graphql, the contract the web app and clients build against (CI checks it is fresh).
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { printedSchema } from "./schema.ts";

export const SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "schema.graphql");

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
