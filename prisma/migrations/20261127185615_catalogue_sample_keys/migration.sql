-- Browsing by CPV code without words must sample inside the CPV index too (ADR 0009): the CPV prefixes
-- array gains the same sampling keys as the search document ('#g0'..'#g15': 1 in 16 offerings each,
-- '#f0'..'#f255': 1 in 256). "Code X, sampled" is then one GIN lookup (cpv_prefixes && {X} AND
-- cpv_prefixes @> {#g0}) instead of a filter over every offering under X. No CPV prefix starts with '#'.
ALTER TABLE "offering" DROP COLUMN "cpv_prefixes";
DROP FUNCTION cpv_prefixes(text[]);

CREATE FUNCTION offering_cpv_keys(id text, codes text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce((SELECT array_agg(DISTINCT left(c, n)) FROM unnest(codes) AS c, generate_series(2, 8) AS n), '{}')
      || ARRAY['#g' || (hashtext(id) & 15), '#f' || (hashtext(id) & 255)]
$$;

ALTER TABLE "offering" ADD COLUMN "cpv_prefixes" text[] GENERATED ALWAYS AS (offering_cpv_keys("id", "cpv_codes")) STORED;

CREATE INDEX "offering_listed_cpv_idx" ON "offering" USING GIN ("cpv_prefixes")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL;
