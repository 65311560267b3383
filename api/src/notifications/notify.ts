import type { MembershipRole } from "@ccm/prisma";
import { enqueueJobs } from "../jobs/outbox.ts";
import { jobIds } from "../jobs/queues.ts";
import type { Db, SqlTx } from "../shared/transaction.ts";
import type { SendNotificationPayload } from "./deliver-notification.ts";

export interface NotifyInput {
  userIds: string[];
  /** What happened, for filtering and icons, e.g. "tender.amended", "bid.received". */
  kind: string;
  title: string;
  /** Plain text; never put sealed bid content here (notifications are emailed and logged). */
  body: string;
  /** A path in the web app, e.g. `/tenders/<id>`; emails turn it into a full address. */
  link?: string;
  /** Deterministic per cause, e.g. `tender-amended:<tenderId>:<version>`: the same cause notifies once. */
  dedupeKey: string;
  /** Also email the recipients (default true). */
  email?: boolean;
}

/**
 * Notifies people about a change (or several changes, one statement for all), as part of the caller's
 * transaction: the delivery jobs are written to the outbox, so nobody hears of a change that rolled back.
 * Call `deps.outbox.kick()` after the commit.
 */
export async function notify(tx: SqlTx, ...inputs: NotifyInput[]): Promise<void> {
  const jobs = inputs.flatMap((input) => {
    const userIds = [...new Set(input.userIds)];
    if (userIds.length === 0) return [];
    const payload: SendNotificationPayload = { ...input, userIds };
    return [
      {
        queue: "notifications",
        name: "send-notification",
        jobId: jobIds.notification(input.dedupeKey),
        payload,
      } as const,
    ];
  });
  await enqueueJobs(tx, jobs);
}

/** The members of an organisation with one of the roles (its ADMINs always), e.g. the buyers to notify. */
export async function organisationMemberIds(
  db: Db,
  organisationId: string,
  roles: readonly MembershipRole[] = ["ADMIN", "BUYER", "EVALUATOR", "BIDDER"],
): Promise<string[]> {
  const members = await db.membership.findMany({
    where: { organisationId, role: { in: [...new Set<MembershipRole>(["ADMIN", ...roles])] } },
    select: { userId: true },
  });
  return [...new Set(members.map((m) => m.userId))];
}
