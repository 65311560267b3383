-- CreateEnum
CREATE TYPE "SupplierSize" AS ENUM ('MICRO', 'SMALL', 'MEDIUM', 'LARGE');

-- AlterTable
ALTER TABLE "offering" ADD COLUMN     "supplier_is_high_growth" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "supplier_is_sme" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "organisation" ADD COLUMN     "growth_reason" TEXT,
ADD COLUMN     "is_high_growth" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "is_sme" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "size_reason" TEXT,
ADD COLUMN     "supplier_size" "SupplierSize";

-- CreateTable
CREATE TABLE "catalogue_word" (
    "word" TEXT NOT NULL,

    CONSTRAINT "catalogue_word_pkey" PRIMARY KEY ("word")
);

-- CreateIndex
CREATE INDEX "catalogue_word_word_idx" ON "catalogue_word" USING GIN ("word" gin_trgm_ops);
