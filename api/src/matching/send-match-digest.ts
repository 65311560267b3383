import type { Deps } from "../deps.ts";
import { databaseNow } from "../shared/transaction.ts";

const MATCH_KIND = "tender.matched";
/** How far back a digest looks for matches not yet emailed, so a missed day is caught up. */
const WINDOW_DAYS = 7;

export interface MatchDigestResult {
  runDate: string;
  emails: number;
  opportunities: number;
}

/** The supplier a match notification is about, from its dedupe key (tender-matched:<tender>:<supplier>:<user>). */
function supplierOfKey(dedupeKey: string): string | undefined {
  return dedupeKey.split(":")[2];
}

/**
 * Emails each supplier user one digest of the opportunities they were told about in the app and not yet
 * emailed, skipping suppliers that turned the digest off. Each notification is stamped `emailedAt` in
 * the same transaction as its user's email is sent, so a re-run (a retried job) sends nothing twice.
 */
export async function sendMatchDigest(
  deps: Pick<Deps, "prisma" | "mailer" | "config" | "logger">,
  input: { runDate: string },
): Promise<MatchDigestResult> {
  const now = await databaseNow(deps.prisma);
  const since = new Date(now.getTime() - WINDOW_DAYS * 24 * 3600 * 1000);
  const pending = await deps.prisma.notification.findMany({
    where: { kind: MATCH_KIND, emailedAt: null, createdAt: { gte: since, lte: now } },
    select: { userId: true },
    distinct: ["userId"],
  });
  const optedOut = new Set(
    (await deps.prisma.supplierAlertSettings.findMany({ where: { emailDigest: false }, select: { organisationId: true } })).map(
      (s) => s.organisationId,
    ),
  );
  let emails = 0;
  let opportunities = 0;
  for (const { userId } of pending) {
    const sent = await deps.prisma.$transaction(async (tx) => {
      // Locks this user's pending rows: a second digest run at the same time skips them.
      const rows = await tx.$queryRaw<{ id: string; title: string; body: string; link: string | null; dedupe_key: string }[]>`
        SELECT id, title, body, link, dedupe_key FROM notification
        WHERE user_id = ${userId} AND kind = ${MATCH_KIND} AND emailed_at IS NULL AND created_at >= ${since} AND created_at <= ${now}
        ORDER BY created_at, id FOR UPDATE SKIP LOCKED`;
      const wanted = rows.filter((r) => !optedOut.has(supplierOfKey(r.dedupe_key) ?? ""));
      if (wanted.length === 0) return 0;
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
      const lines = wanted.map(
        (r) =>
          `- ${r.title.replace(/^A new opportunity matches your company: /, "")}\n  ${deps.config.publicUrl}${r.link ?? "/"}`,
      );
      await deps.mailer.send({
        to: user.email,
        subject: `${wanted.length} new ${wanted.length === 1 ? "opportunity matches" : "opportunities match"} your company`,
        text: [
          `Hello ${user.name},`,
          "",
          "These tenders were matched to your company since our last email. Each page says why.",
          "",
          ...lines,
          "",
          `Change what you are told about in your alert settings: ${deps.config.publicUrl}/opportunities/settings`,
        ].join("\n"),
      });
      await tx.notification.updateMany({ where: { id: { in: wanted.map((r) => r.id) } }, data: { emailedAt: now } });
      return wanted.length;
    });
    if (sent > 0) {
      emails += 1;
      opportunities += sent;
    }
  }
  deps.logger.info({ runDate: input.runDate, emails, opportunities }, "match digest sent");
  return { runDate: input.runDate, emails, opportunities };
}
