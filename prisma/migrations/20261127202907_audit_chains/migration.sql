-- AlterTable
ALTER TABLE "audit_event" ADD COLUMN     "chain" TEXT NOT NULL DEFAULT 'marketplace';

-- CreateIndex
CREATE INDEX "audit_event_chain_seq_idx" ON "audit_event"("chain", "seq");
