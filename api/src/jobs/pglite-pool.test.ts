import { describe, expect, it } from "vitest";
import { classify } from "./pglite-pool.ts";
import { queueSchemaName } from "./queue-backend.ts";

describe("classify (the session statements the PGlite adapter handles itself)", () => {
  it("recognises BullMQ's LISTEN files, comments and all", () => {
    expect(classify("-- Subscribe to the shared job-notification channel.\n-- more\nLISTEN bullmq_jobs;\n")).toEqual({
      kind: "listen",
      channel: "bullmq_jobs",
    });
    expect(classify('UNLISTEN "bullmq_events"')).toEqual({ kind: "unlisten", channel: "bullmq_events" });
    expect(classify("UNLISTEN *")).toEqual({ kind: "unlisten", channel: "*" });
  });

  it("recognises transaction control", () => {
    expect(classify("BEGIN")).toEqual({ kind: "begin" });
    expect(classify("begin;")).toEqual({ kind: "begin" });
    expect(classify("START TRANSACTION ISOLATION LEVEL SERIALIZABLE")).toEqual({ kind: "begin" });
    expect(classify("COMMIT")).toEqual({ kind: "commit" });
    expect(classify("ROLLBACK;")).toEqual({ kind: "rollback" });
  });

  it("leaves everything else to PGlite", () => {
    expect(classify("SELECT * FROM add_job($1, $2)")).toEqual({ kind: "other" });
    expect(classify("SELECT 'LISTEN x'")).toEqual({ kind: "other" });
    expect(classify("BEGIN; SELECT 1; COMMIT;")).toEqual({ kind: "other" });
  });
});

describe("queueSchemaName", () => {
  it("turns QUEUE_PREFIX into a valid PostgreSQL schema name", () => {
    expect(queueSchemaName("ccm")).toBe("ccm");
    expect(queueSchemaName("test-ccm_test_1795_ab12")).toBe("test_ccm_test_1795_ab12");
    expect(queueSchemaName("1st")).toBe("_1st");
    expect(queueSchemaName("x".repeat(80))).toHaveLength(63);
  });
});
