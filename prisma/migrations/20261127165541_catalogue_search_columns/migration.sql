-- Catalogue search (ADR 0009), hand-written because Prisma cannot express generated columns.
-- schema.prisma declares both columns with dbgenerated() defaults, so `pnpm db:migrate check` stays clean.

-- Typo tolerance: trigram similarity against the catalogue's words (PGlite loads the extension too).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The weighted document: title A, summary B, description C, features and benefits D. IMMUTABLE so a
-- generated column may use it (array_to_string is only STABLE in general, but not for text[]).
CREATE FUNCTION offering_search_document(title text, summary text, description text, features text[], benefits text[])
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')
      || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')
      || setweight(to_tsvector('english'::regconfig, array_to_string(features || benefits, ' ')), 'D')
$$;

-- Every prefix of 2 to 8 digits of every code. A filter code matches its descendants when its
-- significant prefix (cpvPrefix in api/src/cpv/cpv.ts) is among them: an indexable array overlap.
CREATE FUNCTION cpv_prefixes(codes text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT left(c, n)), '{}') FROM unnest(codes) AS c, generate_series(2, 8) AS n
$$;

ALTER TABLE "offering"
  ADD COLUMN "search_vector" tsvector
    GENERATED ALWAYS AS (offering_search_document("title", "summary", "description", "features", "benefits")) STORED,
  ADD COLUMN "cpv_prefixes" text[] GENERATED ALWAYS AS (cpv_prefixes("cpv_codes")) STORED;

CREATE INDEX "offering_search_vector_idx" ON "offering" USING GIN ("search_vector");
CREATE INDEX "offering_cpv_prefixes_idx" ON "offering" USING GIN ("cpv_prefixes");
