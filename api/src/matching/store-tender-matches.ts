import type { Prisma } from "@ccm/prisma";
import type { Deps } from "../deps.ts";
import { notify, organisationMemberIds } from "../notifications/notify.ts";
import { toJsonValue } from "../shared/canonical-json.ts";
import { databaseNow } from "../shared/transaction.ts";
import { lockTender } from "../tenders/tender-access.ts";
import { deriveTenderStatus } from "../tenders/tender-status.ts";
import { passesAlertSettings } from "./alert-settings.ts";
import { loadMatchingConfig } from "./matching-config.ts";

/** One reason of a match: a part of the score, in words, with the points it added. */
export interface StoredMatchReason {
  kind: string;
  label: string;
  contribution: number;
  weight: number;
}

export interface RankedMatch {
  supplierId: string;
  score: number;
  reasons: StoredMatchReason[];
}

export interface StoreTenderMatchesInput {
  tenderId: string;
  version: number;
  /** Best first; ranks are their positions. */
  matches: RankedMatch[];
}

export type StoreTenderMatchesResult =
  | { status: "stored"; stored: number; removed: number; notified: number }
  | { status: "skipped"; reason: "stale-version" | "not-open" };

/** The dedupe key of "you matched this tender": one per tender and supplier, ever, whatever re-runs happen. */
export function matchNotificationKey(tenderId: string, supplierId: string): string {
  return `tender-matched:${tenderId}:${supplierId}`;
}

/**
 * Stores a tender version's ranked matches and tells the top suppliers, idempotently: matches are
 * upserted per (tender, supplier) (one UPDATE and one INSERT for the whole list), so a re-run stores the
 * same rows; a supplier is notified once (its
 * match keeps `notifiedAt`) and only if its alert settings accept the tender; matches a supplier marked
 * not relevant are never touched, shown or notified. Matches that fell out of the list are removed
 * unless the buyer already invited the supplier. A job for an older version, or for a tender that is no
 * longer open, changes nothing.
 */
export async function storeTenderMatches(
  deps: Pick<Deps, "prisma" | "outbox">,
  input: StoreTenderMatchesInput,
): Promise<StoreTenderMatchesResult> {
  const config = loadMatchingConfig();
  const result = await deps.prisma.$transaction(async (tx): Promise<StoreTenderMatchesResult> => {
    // FOR UPDATE: two runs for one tender (a retry racing the nightly flow) and an amendment take turns, so
    // the second run sees the first one's notifiedAt and notifies nobody twice.
    const tender = await lockTender(tx, input.tenderId, "UPDATE");
    if (tender.version !== input.version) return { status: "skipped", reason: "stale-version" };
    if (deriveTenderStatus(tender, await databaseNow(tx)) !== "PUBLISHED") return { status: "skipped", reason: "not-open" };

    const existing = await tx.match.findMany({ where: { tenderId: tender.id } });
    const bySupplier = new Map(existing.map((m) => [m.supplierId, m]));
    const dismissed = new Set(existing.filter((m) => m.dismissedAt).map((m) => m.supplierId));
    const ranked = input.matches.filter((m) => !dismissed.has(m.supplierId));
    const keep = new Set(ranked.map((m) => m.supplierId));

    const removed = await tx.match.deleteMany({
      where: { tenderId: tender.id, supplierId: { notIn: [...keep] }, dismissedAt: null, invitedAt: null },
    });
    // Two statements for the whole list, not one round trip per match: the nightly re-match stores 50
    // matches for each of thousands of tenders.
    const ranks = ranked.map((match, position) => ({ ...match, rank: position + 1 }));
    const updates = ranks.filter((m) => bySupplier.has(m.supplierId));
    if (updates.length > 0)
      await tx.$executeRaw`
        UPDATE match AS m
        SET tender_version = ${tender.version}, score = u.score, rank = u.rank, reasons = u.reasons::jsonb
        FROM unnest(${updates.map((m) => m.supplierId)}::text[], ${updates.map((m) => m.score)}::float8[],
                    ${updates.map((m) => m.rank)}::int[], ${updates.map((m) => JSON.stringify(toJsonValue(m.reasons)))}::text[])
          AS u(supplier_id, score, rank, reasons)
        WHERE m.tender_id = ${tender.id} AND m.supplier_id = u.supplier_id`;
    await tx.match.createMany({
      data: ranks
        .filter((m) => !bySupplier.has(m.supplierId))
        .map((m) => ({
          tenderId: tender.id,
          supplierId: m.supplierId,
          tenderVersion: tender.version,
          score: m.score,
          rank: m.rank,
          reasons: toJsonValue(m.reasons) as Prisma.InputJsonValue,
        })),
    });

    const toNotify = ranked.slice(0, config.results.notifyTop).filter((m) => !bySupplier.get(m.supplierId)?.notifiedAt);
    const settings = await tx.supplierAlertSettings.findMany({
      where: { organisationId: { in: toNotify.map((m) => m.supplierId) } },
    });
    const settingsOf = new Map(settings.map((s) => [s.organisationId, s]));
    let notified = 0;
    for (const match of toNotify) {
      if (!passesAlertSettings(settingsOf.get(match.supplierId) ?? null, tender)) continue;
      const userIds = await organisationMemberIds(tx, match.supplierId, ["BIDDER"]);
      await notify(tx, {
        userIds,
        kind: "tender.matched",
        title: `A new opportunity matches your company: ${tender.title}`,
        body: [
          `Why we think it suits you (score ${match.score.toFixed(1)} out of 100):`,
          ...match.reasons
            .filter((r) => r.contribution > 0)
            .sort((a, b) => b.contribution - a.contribution)
            .slice(0, 4)
            .map((r) => `- ${r.label}`),
          "If it is not relevant, mark it so on your opportunities page and we will not show it again.",
        ].join("\n"),
        link: `/tenders/${tender.id}`,
        dedupeKey: matchNotificationKey(tender.id, match.supplierId),
        // In the app now; by email in the daily digest (send-match-digest), one email a day at most.
        email: false,
      });
      await tx.match.update({
        where: { tenderId_supplierId: { tenderId: tender.id, supplierId: match.supplierId } },
        data: { notifiedAt: await databaseNow(tx) },
      });
      notified += 1;
    }
    return { status: "stored", stored: ranked.length, removed: removed.count, notified };
  });
  if (result.status === "stored" && result.notified > 0) deps.outbox.kick();
  return result;
}
