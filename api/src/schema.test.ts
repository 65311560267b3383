import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE } from "./print-schema.ts";
import { printedSchema } from "./schema.ts";

// api/schema.graphql is the contract the web app and other clients build against: it must be the schema
// the code really serves, so a change to a *.graphql.ts file must come with the reprinted file.
describe("api/schema.graphql", () => {
  it("is the schema the code builds", () => {
    expect(
      readFileSync(SCHEMA_FILE, "utf8"),
      "api/schema.graphql is out of date: run `pnpm --filter @ccm/api schema:print` and commit the file",
    ).toBe(printedSchema());
  });
});
