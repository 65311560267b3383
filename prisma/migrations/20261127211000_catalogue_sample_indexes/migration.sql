-- Sampled counts read small indexes (ADR 0009). Counting the matches of common words from a sample used
-- to look up the sampling key ('#f0' ...) together with the words in the full search index, so every
-- sampled lookup still walked the words' long posting lists (measured on 500,000 offerings: 2 to 8 ms of
-- backend CPU per search). Each sample (the offerings whose id hashes to 0 modulo 16, 64, 256, 1,024 or
-- 4,096) now has its own partial indexes, which the search finds through the same condition: the words
-- in the document, the CPV keys, and a plain index for browsing without either. The sampling lexemes
-- stay in the columns (dropping them would rewrite the table); no search looks them up any more.

CREATE INDEX "offering_sample16_search_idx" ON "offering" USING GIN ("search_vector")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 15) = 0;
CREATE INDEX "offering_sample16_cpv_idx" ON "offering" USING GIN ("cpv_prefixes")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 15) = 0;
CREATE INDEX "offering_sample16_idx" ON "offering" ("published_at")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 15) = 0;

CREATE INDEX "offering_sample64_search_idx" ON "offering" USING GIN ("search_vector")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 63) = 0;
CREATE INDEX "offering_sample64_cpv_idx" ON "offering" USING GIN ("cpv_prefixes")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 63) = 0;
CREATE INDEX "offering_sample64_idx" ON "offering" ("published_at")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 63) = 0;

CREATE INDEX "offering_sample256_search_idx" ON "offering" USING GIN ("search_vector")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 255) = 0;
CREATE INDEX "offering_sample256_cpv_idx" ON "offering" USING GIN ("cpv_prefixes")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 255) = 0;
CREATE INDEX "offering_sample256_idx" ON "offering" ("published_at")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 255) = 0;

CREATE INDEX "offering_sample1024_search_idx" ON "offering" USING GIN ("search_vector")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 1023) = 0;
CREATE INDEX "offering_sample1024_cpv_idx" ON "offering" USING GIN ("cpv_prefixes")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 1023) = 0;
CREATE INDEX "offering_sample1024_idx" ON "offering" ("published_at")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 1023) = 0;

CREATE INDEX "offering_sample4096_search_idx" ON "offering" USING GIN ("search_vector")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 4095) = 0;
CREATE INDEX "offering_sample4096_cpv_idx" ON "offering" USING GIN ("cpv_prefixes")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 4095) = 0;
CREATE INDEX "offering_sample4096_idx" ON "offering" ("published_at")
  WHERE "published_at" IS NOT NULL AND "withdrawn_at" IS NULL AND (hashtext("id") & 4095) = 0;
