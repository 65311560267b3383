-- Catalogue search, second step (ADR 0009): relevance tiers and sampled counts, with partial indexes
-- on listed offerings only. Hand-written: Prisma cannot express generated columns or partial indexes
-- (it leaves partial indexes alone, so `pnpm db:migrate check` stays clean).

-- The document gains two sampling lexemes from a hash of the id: '#g0'..'#g15' (1 in 16 offerings each)
-- and '#f0'..'#f255' (1 in 256). AND-ing one into a query samples the matches inside the GIN index, so
-- counts over very many matches are estimated from a fixed fraction of them. Search words cannot
-- produce them: to_tsquery drops the '#'.
ALTER TABLE "offering" DROP COLUMN "search_vector";
DROP FUNCTION offering_search_document(text, text, text, text[], text[]);

CREATE FUNCTION offering_search_vector(id text, title text, summary text, description text, features text[], benefits text[])
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')
      || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')
      || setweight(to_tsvector('english'::regconfig, array_to_string(features || benefits, ' ')), 'D')
      || ('#g' || (hashtext(id) & 15))::tsvector
      || ('#f' || (hashtext(id) & 255))::tsvector
$$;

-- Relevance tiers: every word in the title, else in the title or summary, else anywhere.
ALTER TABLE "offering"
  ADD COLUMN "search_vector" tsvector
    GENERATED ALWAYS AS (offering_search_vector("id", "title", "summary", "description", "features", "benefits")) STORED,
  ADD COLUMN "title_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "title")) STORED,
  ADD COLUMN "head_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "title" || ' ' || "summary")) STORED;

DROP INDEX IF EXISTS "offering_cpv_prefixes_idx";

CREATE INDEX "offering_listed_search_idx" ON "offering" USING GIN ("search_vector")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL;
CREATE INDEX "offering_listed_title_idx" ON "offering" USING GIN ("title_vector")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL;
CREATE INDEX "offering_listed_head_idx" ON "offering" USING GIN ("head_vector")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL;
CREATE INDEX "offering_listed_cpv_idx" ON "offering" USING GIN ("cpv_prefixes")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL;
CREATE INDEX "offering_listed_regions_idx" ON "offering" USING GIN ("regions")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL;
-- Newest first, for browsing and for walking a tier in order until a page is full.
CREATE INDEX "offering_listed_newest_idx" ON "offering" ("published_at" DESC, "id" DESC)
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL;
