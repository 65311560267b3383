import type { Deps } from "@ccm/api";
import { loadMatchingConfig } from "@ccm/api/matching/matching-config";
import { buildMatchingIndex, type MatchingIndex, type SupplierProfile } from "./matching-index.ts";

// The worker keeps one matching index in memory and rebuilds it only when the supplier data it was built
// from has changed. A "stamp" of that data (the supplier data version, moved by triggers with every
// change to suppliers, offerings, yearly figures and contracts) is one row read per job; when it
// differs, the profiles are reloaded in one SQL statement and the index is rebuilt (about a second per
// 10,000 suppliers). Concurrent jobs
// share one rebuild. See docs/adr/0010-matching.md for why this, and not an incremental index, for now.

export interface LoadedIndex {
  index: MatchingIndex;
  positionOf: Map<string, number>;
  stamp: string;
}

interface ProfileRow {
  id: string;
  capability_cpv_codes: string[];
  regions_served: string[];
  description: string;
  offerings: string;
  is_sme: boolean;
  is_high_growth: boolean;
  turnover_pence: bigint | null;
  awards: string[][];
}

/**
 * What the index was built from: the version of the supplier data, which triggers move in the same
 * transaction as every change to suppliers, offerings, yearly figures and contracts (migration
 * supplier_data_version). One row, so every match job can afford to check it.
 */
async function readStamp(prisma: Deps["prisma"]): Promise<string> {
  const rows = await prisma.$queryRaw<
    { version: string }[]
  >`SELECT version::text AS version FROM supplier_data_version WHERE id = 1`;
  return rows[0]?.version ?? "";
}

/** Every supplier that could be matched: one with at least one capability code. */
export async function loadSupplierProfiles(prisma: Deps["prisma"]): Promise<SupplierProfile[]> {
  const rows = await prisma.$queryRaw<ProfileRow[]>`
    SELECT o.id, o.capability_cpv_codes, o.regions_served, coalesce(o.description, '') AS description,
      o.is_sme, o.is_high_growth,
      (SELECT y.turnover_pence FROM supplier_year y WHERE y.organisation_id = o.id ORDER BY y.year DESC LIMIT 1) AS turnover_pence,
      coalesce((SELECT string_agg(concat_ws(' ', f.title, f.summary, f.description), ' ' ORDER BY f.id)
                FROM offering f
                WHERE f.supplier_id = o.id AND f.published_at IS NOT NULL AND f.withdrawn_at IS NULL), '') AS offerings,
      coalesce((SELECT json_agg(t.cpv_codes ORDER BY c.id) FROM contract c JOIN tender t ON t.id = c.tender_id
                WHERE c.supplier_id = o.id), '[]'::json) AS awards
    FROM organisation o
    WHERE o.kind = 'SUPPLIER' AND cardinality(o.capability_cpv_codes) > 0
    ORDER BY o.id`;
  return rows.map((r) => ({
    id: r.id,
    cpvCodes: r.capability_cpv_codes,
    regions: r.regions_served,
    text: `${r.description} ${r.offerings}`,
    isSme: r.is_sme,
    isHighGrowth: r.is_high_growth,
    turnoverPence: r.turnover_pence === null ? null : Number(r.turnover_pence),
    awardCpvCodes: r.awards,
  }));
}

/** A per-process cache of the matching index, rebuilt when the suppliers change. */
export class SupplierIndexCache {
  private current: LoadedIndex | undefined;
  private building: Promise<LoadedIndex> | undefined;

  /** The index for the suppliers as they are now. */
  async get(deps: Pick<Deps, "prisma" | "logger">): Promise<LoadedIndex> {
    const stamp = await readStamp(deps.prisma);
    if (this.current?.stamp === stamp) return this.current;
    if (this.building) {
      const built = await this.building;
      if (built.stamp === stamp) return built;
    }
    this.building = this.build(deps, stamp);
    try {
      this.current = await this.building;
      return this.current;
    } finally {
      this.building = undefined;
    }
  }

  private async build(deps: Pick<Deps, "prisma" | "logger">, stamp: string): Promise<LoadedIndex> {
    const started = performance.now();
    const profiles = await loadSupplierProfiles(deps.prisma);
    const index = buildMatchingIndex(profiles, loadMatchingConfig());
    deps.logger.info(
      { suppliers: index.size, words: index.terms.length, ms: Math.round(performance.now() - started) },
      "matching index built",
    );
    return { index, positionOf: new Map(index.ids.map((id, i) => [id, i])), stamp };
  }
}
