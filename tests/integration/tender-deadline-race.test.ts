import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeTender } from "@ccm/api/tenders/close-tender";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { council, dbIdOf, publishedTender, saveBid, submitBid, supplier, type Supplier } from "../support/tender-fixtures.ts";

// The database clock decides at the deadline: many suppliers submit at once around it. Every submission
// is either accepted with a receipt time before the deadline and fully stored, or refused with
// DeadlinePassedError and leaves no trace (the bid stays a draft; no audit event, no receipt
// notification). Nothing accepted is lost, nothing late is accepted, and the closing counts exactly
// the accepted bids. The pass/fail checks are these invariants, not timings.

const SUPPLIERS = 30;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe("submissions racing the deadline", () => {
  it("accepts exactly those received before the deadline, and stores nothing of the others", async () => {
    const c = await council(app);
    const tender = await publishedTender(c);
    const suppliers: Supplier[] = [];
    for (let i = 0; i < SUPPLIERS; i += 8)
      suppliers.push(...(await Promise.all(Array.from({ length: Math.min(8, SUPPLIERS - i) }, () => supplier(app)))));
    const drafts = await Promise.all(suppliers.map((s) => saveBid(s, tender)));

    // Suppliers submit one every 100 ms; as soon as the first answer is back, the deadline is set to "now"
    // on the database clock (a direct write: the test-only way to make a deadline pass mid-flight, which
    // waits, like an amendment, for the submissions holding the tender row). So the race happens however
    // fast or slow this machine is.
    let deadline: Date | undefined;
    let moving: Promise<void> | undefined;
    // Its own connection, so it does not queue behind the submissions for one of the app's pool's.
    const clock = new pg.Client({ connectionString: inject("databaseUrl") });
    await clock.connect();
    const moveDeadlineNow = async () => {
      // Lock first (waiting for submissions in flight), then read the clock: the new deadline is "now" at
      // a moment when no submission holds the tender.
      await clock.query("BEGIN");
      await clock.query("SELECT id FROM tender WHERE id = $1 FOR UPDATE", [dbIdOf(tender.id)]);
      const { rows } = await clock.query<{ deadline: Date }>(
        `UPDATE tender SET submission_deadline = clock_timestamp(), clarification_deadline = clock_timestamp() - interval '1 second'
          WHERE id = $1 RETURNING submission_deadline AS deadline`,
        [dbIdOf(tender.id)],
      );
      await clock.query("COMMIT");
      deadline = rows[0]!.deadline;
    };
    const results = await Promise.all(
      suppliers.map(async (s, i) => {
        // Staggered a little, so that some start after the deadline has moved.
        await new Promise((r) => setTimeout(r, i * 100));
        const result = await submitBid(s.bidder.client, drafts[i]!.id);
        moving ??= moveDeadlineNow();
        return { bidId: dbIdOf(drafts[i]!.id), result };
      }),
    );
    await moving;
    await clock.end();
    if (!deadline) throw new Error("the deadline was not moved");
    const moved = await app.deps.prisma.tender.findUniqueOrThrow({ where: { id: dbIdOf(tender.id) } });

    const rows = await app.deps.prisma.bid.findMany({ where: { tenderId: dbIdOf(tender.id) } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    let accepted = 0;
    let refused = 0;
    for (const { bidId, result } of results) {
      const row = byId.get(bidId)!;
      if (result.__typename === "SubmitBidSuccess") {
        accepted += 1;
        expect(row.submittedAt).not.toBeNull();
        expect(row.submittedAt!.getTime()).toBeLessThan(deadline!.getTime());
        expect(new Date(result.data.submittedAt).getTime()).toBe(row.submittedAt!.getTime());
        expect(row.confirmedTenderVersion).toBe(moved.version);
      } else {
        refused += 1;
        expect(result).toMatchObject({
          __typename: "DeadlinePassedError",
          code: "DEADLINE_PASSED",
          deadline: deadline!.toISOString(),
        });
        expect(row.submittedAt).toBeNull();
        expect(row.confirmedTenderVersion).toBeNull();
        expect(await app.deps.prisma.auditEvent.count({ where: { entityId: bidId, action: "bid.submitted" } })).toBe(0);
        expect(
          await app.deps.prisma.outboxMessage.count({ where: { jobId: { startsWith: `notify-bid-received.${bidId}.` } } }),
        ).toBe(0);
      }
    }
    expect(accepted + refused).toBe(SUPPLIERS);
    expect(
      await app.deps.prisma.auditEvent.count({ where: { entityId: { in: [...byId.keys()] }, action: "bid.submitted" } }),
    ).toBe(accepted);

    // Closing (the job's operation) validates exactly the accepted bids.
    expect(await closeTender(app.deps, dbIdOf(tender.id))).toMatchObject({ outcome: "closed", validBids: accepted });
    expect(await closeTender(app.deps, dbIdOf(tender.id))).toEqual({ outcome: "already-closed" });
    console.log(`deadline race: ${accepted} accepted before the deadline, ${refused} refused after it`);
  }, 240_000);
});
