import type { SqlRunner } from "@ccm/prisma";
import { catalogueWordsOf, recordCatalogueWords } from "@ccm/api/catalogue/catalogue-words";
import { CATALOGUE_FRAMEWORKS } from "./catalogue-vocabulary.ts";
import {
  generateCatalogue,
  type GenerateCatalogueOptions,
  type GeneratedOffering,
  type GeneratedSupplier,
} from "./catalogue-generator.ts";

// Bulk loading for generated catalogues: one INSERT ... SELECT FROM jsonb_to_recordset($1) per table and
// batch (a single parameter however many rows, so no statement is built from data), on PostgreSQL or
// PGlite alike. Every insert skips rows already there, so a load can be repeated or resumed.

export interface LoadProgress {
  suppliers: number;
  offerings: number;
  totalSuppliers: number;
  totalOfferings: number;
}

export interface LoadCatalogueOptions extends GenerateCatalogueOptions {
  /** Suppliers per batch (their offerings go in the same batch). */
  batchSuppliers?: number;
  /** Batches loading at once (give the pool as many connections). */
  concurrency?: number;
  onProgress?: (progress: LoadProgress) => void;
}

/** Creates the catalogue frameworks and their lots if missing; returns lot ids by "slug#number". */
export async function ensureCatalogueFrameworks(sql: SqlRunner): Promise<Map<string, string>> {
  const rows = CATALOGUE_FRAMEWORKS.flatMap((f) =>
    f.lots.map((l) => ({ slug: f.slug, name: f.name, description: f.description, number: l.number, title: l.title })),
  );
  // Ids derive from the natural keys, so every database gets the same ones.
  await sql.query(
    `INSERT INTO framework (id, name, slug, description, opened_at, live_at, expires_at)
     SELECT DISTINCT ON (r.slug) md5('framework:' || r.slug)::uuid::text, r.name, r.slug, r.description,
            '2024-01-08T09:00:00Z'::timestamptz, '2024-03-01T09:00:00Z'::timestamptz, '2027-03-01T09:00:00Z'::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS r(slug text, name text, description text)
     ON CONFLICT (slug) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  await sql.query(
    `INSERT INTO framework_lot (id, framework_id, number, title)
     SELECT md5('framework-lot:' || r.slug || ':' || r.number)::uuid::text, f.id, r.number, r.title
     FROM jsonb_to_recordset($1::jsonb) AS r(slug text, number int, title text)
     JOIN framework f ON f.slug = r.slug
     ON CONFLICT (framework_id, number) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  const lots = await sql.query<{ slug: string; number: number; id: string }>(
    `SELECT f.slug, l.number, l.id FROM framework_lot l JOIN framework f ON f.id = l.framework_id`,
  );
  return new Map(lots.rows.map((l) => [`${l.slug}#${l.number}`, l.id]));
}

/** Inserts generated suppliers, with their yearly figures, derived size and growth. */
export async function insertSuppliers(sql: SqlRunner, suppliers: readonly GeneratedSupplier[]): Promise<number> {
  if (!suppliers.length) return 0;
  const inserted = await sql.query<{ id: string }>(
    `INSERT INTO organisation (id, kind, name, companies_house_number, description, website, regions_served,
       capability_cpv_codes, accreditations, supplier_size, is_sme, is_high_growth, size_reason, growth_reason,
       verified_at, created_at, updated_at)
     SELECT r.id, 'SUPPLIER', r.name, r.companies_house_number, r.description, r.website, r.regions_served,
       r.capability_cpv_codes, r.accreditations, r.supplier_size::"SupplierSize", r.is_sme, r.is_high_growth,
       r.size_reason, r.growth_reason, r.created_at, r.created_at, r.created_at
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, companies_house_number text, description text,
       website text, regions_served text[], capability_cpv_codes text[], accreditations text[], supplier_size text,
       is_sme boolean, is_high_growth boolean, size_reason text, growth_reason text, created_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      JSON.stringify(
        suppliers.map((s) => ({
          id: s.id,
          name: s.name,
          companies_house_number: s.companiesHouseNumber,
          description: s.description,
          website: s.website,
          regions_served: s.regionsServed,
          capability_cpv_codes: s.capabilityCpvCodes,
          accreditations: s.accreditations,
          supplier_size: s.supplierSize,
          is_sme: s.isSme,
          is_high_growth: s.isHighGrowth,
          size_reason: s.sizeReason,
          growth_reason: s.growthReason,
          created_at: s.createdAt,
        })),
      ),
    ],
  );
  await sql.query(
    `INSERT INTO supplier_year (id, organisation_id, year, headcount, turnover_pence, balance_sheet_pence, created_at)
     SELECT md5('supplier-year:' || r.organisation_id || ':' || r.year)::uuid::text, r.organisation_id, r.year,
       r.headcount, r.turnover_pence, r.balance_sheet_pence, r.created_at
     FROM jsonb_to_recordset($1::jsonb) AS r(organisation_id text, year int, headcount int, turnover_pence bigint,
       balance_sheet_pence bigint, created_at timestamptz)
     JOIN organisation o ON o.id = r.organisation_id
     ON CONFLICT DO NOTHING`,
    [
      JSON.stringify(
        suppliers.flatMap((s) =>
          s.years.map((y) => ({
            organisation_id: s.id,
            year: y.year,
            headcount: y.headcount,
            turnover_pence: y.turnoverPence.toString(),
            balance_sheet_pence: y.balanceSheetPence.toString(),
            created_at: s.createdAt,
          })),
        ),
      ),
    ],
  );
  return inserted.rows.length;
}

/**
 * Inserts generated offerings (with the supplier's SME and growth flags copied onto each, as
 * refreshSupplierDerivedFigures keeps them) and the framework agreements their lots need.
 */
export async function insertOfferings(
  sql: SqlRunner,
  offerings: readonly GeneratedOffering[],
  lotIds: ReadonlyMap<string, string>,
  /** Words already recorded during this load, to send only new ones. */
  knownWords?: Set<string>,
): Promise<number> {
  if (!offerings.length) return 0;
  const lotOf = (o: GeneratedOffering) => (o.lot ? (lotIds.get(`${o.lot.frameworkSlug}#${o.lot.lotNumber}`) ?? null) : null);
  const agreements = [...new Set(offerings.map((o) => `${lotOf(o) ?? ""}|${o.supplierId}`))]
    .filter((k) => !k.startsWith("|"))
    .map((k) => {
      const [lot, supplier] = k.split("|");
      return { framework_lot_id: lot, supplier_id: supplier };
    });
  if (agreements.length) {
    await sql.query(
      `INSERT INTO framework_agreement (id, framework_lot_id, supplier_id, signed_at)
       SELECT md5('framework-agreement:' || r.framework_lot_id || ':' || r.supplier_id)::uuid::text, r.framework_lot_id,
         r.supplier_id, '2024-02-15T09:00:00Z'::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r(framework_lot_id text, supplier_id text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(agreements)],
    );
  }
  const inserted = await sql.query<{ id: string }>(
    `INSERT INTO offering (id, supplier_id, title, summary, description, cpv_codes, pricing_unit, price_pence, price_tiers,
       regions, features, benefits, framework_lot_id, created_at, updated_at, published_at, withdrawn_at,
       supplier_is_sme, supplier_is_high_growth)
     SELECT r.id, r.supplier_id, r.title, r.summary, r.description, r.cpv_codes, r.pricing_unit::"PricingUnit",
       r.price_pence, r.price_tiers, r.regions, r.features, r.benefits, r.framework_lot_id, r.created_at,
       coalesce(r.withdrawn_at, r.published_at, r.created_at), r.published_at, r.withdrawn_at,
       o.is_sme, o.is_high_growth
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, supplier_id text, title text, summary text, description text,
       cpv_codes text[], pricing_unit text, price_pence bigint, price_tiers jsonb, regions text[], features text[],
       benefits text[], framework_lot_id text, created_at timestamptz, published_at timestamptz, withdrawn_at timestamptz)
     JOIN organisation o ON o.id = r.supplier_id
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      JSON.stringify(
        offerings.map((o) => ({
          id: o.id,
          supplier_id: o.supplierId,
          title: o.title,
          summary: o.summary,
          description: o.description,
          cpv_codes: o.cpvCodes,
          pricing_unit: o.pricingUnit,
          price_pence: o.pricePence.toString(),
          price_tiers: o.priceTiers,
          regions: o.regions,
          features: o.features,
          benefits: o.benefits,
          framework_lot_id: lotOf(o),
          created_at: o.createdAt,
          published_at: o.publishedAt,
          withdrawn_at: o.withdrawnAt,
        })),
      ),
    ],
  );
  const published = offerings.filter((o) => o.publishedAt && !o.withdrawnAt);
  const words = [...catalogueWordsOf(published)].filter((w) => !knownWords?.has(w));
  await recordCatalogueWords(sql, words);
  for (const w of words) knownWords?.add(w);
  return inserted.rows.length;
}

/**
 * Generates and loads a whole catalogue in batches of suppliers, `concurrency` batches at a time (each
 * on its own connection, so PostgreSQL computes search documents on several cores), reporting progress.
 */
export async function loadCatalogue(sql: SqlRunner, options: LoadCatalogueOptions): Promise<LoadProgress> {
  const lotIds = await ensureCatalogueFrameworks(sql);
  const batchSize = options.batchSuppliers ?? 500;
  const progress: LoadProgress = {
    suppliers: 0,
    offerings: 0,
    totalSuppliers: options.suppliers,
    totalOfferings: options.offerings,
  };
  const knownWords = new Set<string>();
  let next = options.from ?? 0;
  const worker = async () => {
    while (next < options.suppliers) {
      const from = next;
      next = Math.min(options.suppliers, next + batchSize);
      const suppliers: GeneratedSupplier[] = [];
      const offerings: GeneratedOffering[] = [];
      for (const item of generateCatalogue({ ...options, from, to: next })) {
        suppliers.push(item.supplier);
        offerings.push(...item.offerings);
      }
      await insertSuppliers(sql, suppliers);
      await insertOfferings(sql, offerings, lotIds, knownWords);
      progress.suppliers += suppliers.length;
      progress.offerings += offerings.length;
      options.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  return progress;
}
