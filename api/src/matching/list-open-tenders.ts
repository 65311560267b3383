import type { Db } from "../shared/transaction.ts";

/** Tenders open for bids now by the database clock (published, deadline ahead, not closed or ended). */
export async function listOpenTenders(db: Db): Promise<{ id: string; version: number }[]> {
  return db.$queryRaw<{ id: string; version: number }[]>`
    SELECT id, version FROM tender
    WHERE published_at IS NOT NULL AND submission_deadline > now()
      AND closed_at IS NULL AND evaluation_started_at IS NULL AND award_pending_at IS NULL AND awarded_at IS NULL
      AND cancelled_at IS NULL AND unsuccessful_at IS NULL
    ORDER BY id`;
}
