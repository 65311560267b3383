-- An offering written without features or benefits (NULL lists) got no search document at all, as
-- NULL || tsvector is NULL. Treat missing lists as empty, and recompute the documents that were NULL
-- (updating a row recomputes its generated columns).
CREATE OR REPLACE FUNCTION offering_search_vector(id text, title text, summary text, description text, features text[], benefits text[])
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')
      || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')
      || setweight(to_tsvector('english'::regconfig, array_to_string(coalesce(features, '{}') || coalesce(benefits, '{}'), ' ')), 'D')
      || ('#g' || (hashtext(id) & 15))::tsvector
      || ('#f' || (hashtext(id) & 255))::tsvector
$$;

UPDATE "offering" SET "features" = coalesce("features", '{}'), "benefits" = coalesce("benefits", '{}')
WHERE "features" IS NULL OR "benefits" IS NULL;
