-- The audit trail becomes one hash chain per organisation (ADR 0013). Every event written before this
-- migration was on the single chain there was, which continues as "marketplace" (events of no organisation):
-- the default fills the column without an UPDATE, so the append-only triggers are not involved.
-- AlterTable
ALTER TABLE "audit_event" ADD COLUMN     "chain" TEXT NOT NULL DEFAULT 'marketplace';

-- CreateIndex
CREATE INDEX "audit_event_chain_seq_idx" ON "audit_event"("chain", "seq");
