-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('COUNCIL', 'SUPPLIER');

-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('ADMIN', 'BUYER', 'EVALUATOR', 'BIDDER');

-- CreateEnum
CREATE TYPE "Procedure" AS ENUM ('OPEN', 'COMPETITIVE_FLEXIBLE', 'FRAMEWORK_COMPETITION', 'DIRECT_AWARD', 'BELOW_THRESHOLD');

-- CreateEnum
CREATE TYPE "CriterionKind" AS ENUM ('PRICE', 'QUALITY');

-- CreateEnum
CREATE TYPE "PricingUnit" AS ENUM ('PER_USER_PER_MONTH', 'PER_MONTH', 'PER_YEAR', 'PER_DAY', 'PER_UNIT', 'FIXED');

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "is_platform_admin" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "access_token" TEXT,
    "refresh_token" TEXT,
    "id_token" TEXT,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "refresh_token_expires_at" TIMESTAMPTZ(3),
    "scope" TEXT,
    "password" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organisation" (
    "id" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "name" TEXT NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "gss_code" TEXT,
    "council_code" TEXT,
    "itl1_code" TEXT,
    "companies_house_number" TEXT,
    "description" TEXT,
    "website" TEXT,
    "regions_served" TEXT[],
    "capability_cpv_codes" TEXT[],
    "accreditations" TEXT[],

    CONSTRAINT "organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supplier_year" (
    "id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "headcount" INTEGER NOT NULL,
    "turnover_pence" BIGINT NOT NULL,
    "balance_sheet_pence" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supplier_year_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "role" "MembershipRole" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consortium" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lead_council_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consortium_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consortium_member" (
    "consortium_id" TEXT NOT NULL,
    "council_id" TEXT NOT NULL,
    "joined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consortium_member_pkey" PRIMARY KEY ("consortium_id","council_id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "seq" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" TEXT,
    "organisation_id" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "dedupe_key" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "emailed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" BIGSERIAL NOT NULL,
    "queue" TEXT NOT NULL,
    "job_name" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "run_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "relayed_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tender" (
    "id" TEXT NOT NULL,
    "ocid" TEXT NOT NULL,
    "buyer_id" TEXT NOT NULL,
    "consortium_id" TEXT,
    "created_by_user_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "procedure" "Procedure" NOT NULL,
    "cpv_codes" TEXT[],
    "itl1_code" TEXT,
    "value_pence" BIGINT,
    "suitable_for_sme" BOOLEAN NOT NULL DEFAULT true,
    "clarification_deadline" TIMESTAMPTZ(3) NOT NULL,
    "submission_deadline" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "amended_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "evaluation_started_at" TIMESTAMPTZ(3),
    "award_pending_at" TIMESTAMPTZ(3),
    "awarded_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "cancellation_reason" TEXT,
    "unsuccessful_at" TIMESTAMPTZ(3),

    CONSTRAINT "tender_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lot" (
    "id" TEXT NOT NULL,
    "tender_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "value_pence" BIGINT,

    CONSTRAINT "lot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "criterion" (
    "id" TEXT NOT NULL,
    "tender_id" TEXT NOT NULL,
    "kind" "CriterionKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "weight" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clarification_question" (
    "id" TEXT NOT NULL,
    "tender_id" TEXT NOT NULL,
    "asked_by_organisation_id" TEXT NOT NULL,
    "asked_by_user_id" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT,
    "answered_by_user_id" TEXT,
    "answered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clarification_question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tender_follow" (
    "tender_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tender_follow_pkey" PRIMARY KEY ("tender_id","organisation_id")
);

-- CreateTable
CREATE TABLE "bid" (
    "id" TEXT NOT NULL,
    "tender_id" TEXT NOT NULL,
    "supplier_id" TEXT NOT NULL,
    "created_by_user_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(6),
    "withdrawn_at" TIMESTAMPTZ(6),
    "confirmed_tender_version" INTEGER,
    "validated_at" TIMESTAMPTZ(3),
    "disqualified_at" TIMESTAMPTZ(3),
    "disqualification_reason" TEXT,

    CONSTRAINT "bid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bid_lot" (
    "bid_id" TEXT NOT NULL,
    "lot_id" TEXT NOT NULL,
    "price_pence" BIGINT NOT NULL,

    CONSTRAINT "bid_lot_pkey" PRIMARY KEY ("bid_id","lot_id")
);

-- CreateTable
CREATE TABLE "bid_answer" (
    "bid_id" TEXT NOT NULL,
    "criterion_id" TEXT NOT NULL,
    "answer" TEXT NOT NULL,

    CONSTRAINT "bid_answer_pkey" PRIMARY KEY ("bid_id","criterion_id")
);

-- CreateTable
CREATE TABLE "conflict_declaration" (
    "tender_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "has_conflict" BOOLEAN NOT NULL,
    "details" TEXT NOT NULL DEFAULT '',
    "declared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conflict_declaration_pkey" PRIMARY KEY ("tender_id","user_id")
);

-- CreateTable
CREATE TABLE "score" (
    "bid_id" TEXT NOT NULL,
    "criterion_id" TEXT NOT NULL,
    "evaluator_user_id" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "scored_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "score_pkey" PRIMARY KEY ("bid_id","criterion_id","evaluator_user_id")
);

-- CreateTable
CREATE TABLE "award" (
    "id" TEXT NOT NULL,
    "tender_id" TEXT NOT NULL,
    "lot_id" TEXT NOT NULL,
    "bid_id" TEXT NOT NULL,
    "decided_by_user_id" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "standstill_ends_at" TIMESTAMPTZ(3) NOT NULL,
    "reasons" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "award_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract" (
    "id" TEXT NOT NULL,
    "award_id" TEXT NOT NULL,
    "tender_id" TEXT NOT NULL,
    "lot_id" TEXT NOT NULL,
    "supplier_id" TEXT NOT NULL,
    "value_pence" BIGINT NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "framework" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "opened_at" TIMESTAMPTZ(3),
    "live_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "framework_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "framework_lot" (
    "id" TEXT NOT NULL,
    "framework_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "framework_lot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "framework_agreement" (
    "id" TEXT NOT NULL,
    "framework_lot_id" TEXT NOT NULL,
    "supplier_id" TEXT NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "framework_agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offering" (
    "id" TEXT NOT NULL,
    "supplier_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "cpv_codes" TEXT[],
    "pricing_unit" "PricingUnit" NOT NULL,
    "price_pence" BIGINT NOT NULL,
    "price_tiers" JSONB NOT NULL DEFAULT '[]',
    "regions" TEXT[],
    "features" TEXT[],
    "benefits" TEXT[],
    "framework_lot_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "withdrawn_at" TIMESTAMPTZ(3),

    CONSTRAINT "offering_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "match" (
    "id" TEXT NOT NULL,
    "tender_id" TEXT NOT NULL,
    "supplier_id" TEXT NOT NULL,
    "tender_version" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "rank" INTEGER NOT NULL,
    "reasons" JSONB NOT NULL,
    "matched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notified_at" TIMESTAMPTZ(3),
    "invited_at" TIMESTAMPTZ(3),
    "dismissed_at" TIMESTAMPTZ(3),

    CONSTRAINT "match_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supplier_alert_settings" (
    "organisation_id" TEXT NOT NULL,
    "cpv_codes" TEXT[],
    "regions" TEXT[],
    "min_value_pence" BIGINT,
    "max_value_pence" BIGINT,
    "email_digest" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "supplier_alert_settings_pkey" PRIMARY KEY ("organisation_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE INDEX "account_user_id_idx" ON "account"("user_id");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "organisation_gss_code_key" ON "organisation"("gss_code");

-- CreateIndex
CREATE UNIQUE INDEX "organisation_companies_house_number_key" ON "organisation"("companies_house_number");

-- CreateIndex
CREATE INDEX "organisation_kind_idx" ON "organisation"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "supplier_year_organisation_id_year_key" ON "supplier_year"("organisation_id", "year");

-- CreateIndex
CREATE INDEX "membership_organisation_id_idx" ON "membership"("organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "membership_user_id_organisation_id_key" ON "membership"("user_id", "organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_hash_key" ON "audit_event"("hash");

-- CreateIndex
CREATE INDEX "audit_event_entity_type_entity_id_idx" ON "audit_event"("entity_type", "entity_id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_dedupe_key_key" ON "notification"("dedupe_key");

-- CreateIndex
CREATE INDEX "notification_user_id_created_at_idx" ON "notification"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "outbox_message_relayed_at_id_idx" ON "outbox_message"("relayed_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "tender_ocid_key" ON "tender"("ocid");

-- CreateIndex
CREATE INDEX "tender_buyer_id_idx" ON "tender"("buyer_id");

-- CreateIndex
CREATE INDEX "tender_published_at_submission_deadline_idx" ON "tender"("published_at", "submission_deadline");

-- CreateIndex
CREATE UNIQUE INDEX "lot_tender_id_number_key" ON "lot"("tender_id", "number");

-- CreateIndex
CREATE INDEX "clarification_question_tender_id_idx" ON "clarification_question"("tender_id");

-- CreateIndex
CREATE UNIQUE INDEX "bid_tender_id_supplier_id_key" ON "bid"("tender_id", "supplier_id");

-- CreateIndex
CREATE UNIQUE INDEX "award_lot_id_key" ON "award"("lot_id");

-- CreateIndex
CREATE UNIQUE INDEX "contract_award_id_key" ON "contract"("award_id");

-- CreateIndex
CREATE INDEX "contract_supplier_id_idx" ON "contract"("supplier_id");

-- CreateIndex
CREATE UNIQUE INDEX "framework_slug_key" ON "framework"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "framework_lot_framework_id_number_key" ON "framework_lot"("framework_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "framework_agreement_framework_lot_id_supplier_id_key" ON "framework_agreement"("framework_lot_id", "supplier_id");

-- CreateIndex
CREATE INDEX "offering_supplier_id_idx" ON "offering"("supplier_id");

-- CreateIndex
CREATE INDEX "match_supplier_id_score_idx" ON "match"("supplier_id", "score");

-- CreateIndex
CREATE UNIQUE INDEX "match_tender_id_supplier_id_key" ON "match"("tender_id", "supplier_id");

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_year" ADD CONSTRAINT "supplier_year_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consortium" ADD CONSTRAINT "consortium_lead_council_id_fkey" FOREIGN KEY ("lead_council_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consortium_member" ADD CONSTRAINT "consortium_member_consortium_id_fkey" FOREIGN KEY ("consortium_id") REFERENCES "consortium"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consortium_member" ADD CONSTRAINT "consortium_member_council_id_fkey" FOREIGN KEY ("council_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tender" ADD CONSTRAINT "tender_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tender" ADD CONSTRAINT "tender_consortium_id_fkey" FOREIGN KEY ("consortium_id") REFERENCES "consortium"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lot" ADD CONSTRAINT "lot_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "criterion" ADD CONSTRAINT "criterion_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clarification_question" ADD CONSTRAINT "clarification_question_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clarification_question" ADD CONSTRAINT "clarification_question_asked_by_organisation_id_fkey" FOREIGN KEY ("asked_by_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tender_follow" ADD CONSTRAINT "tender_follow_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tender_follow" ADD CONSTRAINT "tender_follow_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bid" ADD CONSTRAINT "bid_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bid" ADD CONSTRAINT "bid_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bid_lot" ADD CONSTRAINT "bid_lot_bid_id_fkey" FOREIGN KEY ("bid_id") REFERENCES "bid"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bid_lot" ADD CONSTRAINT "bid_lot_lot_id_fkey" FOREIGN KEY ("lot_id") REFERENCES "lot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bid_answer" ADD CONSTRAINT "bid_answer_bid_id_fkey" FOREIGN KEY ("bid_id") REFERENCES "bid"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bid_answer" ADD CONSTRAINT "bid_answer_criterion_id_fkey" FOREIGN KEY ("criterion_id") REFERENCES "criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conflict_declaration" ADD CONSTRAINT "conflict_declaration_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "score" ADD CONSTRAINT "score_bid_id_fkey" FOREIGN KEY ("bid_id") REFERENCES "bid"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "score" ADD CONSTRAINT "score_criterion_id_fkey" FOREIGN KEY ("criterion_id") REFERENCES "criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "award" ADD CONSTRAINT "award_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "award" ADD CONSTRAINT "award_lot_id_fkey" FOREIGN KEY ("lot_id") REFERENCES "lot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "award" ADD CONSTRAINT "award_bid_id_fkey" FOREIGN KEY ("bid_id") REFERENCES "bid"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_award_id_fkey" FOREIGN KEY ("award_id") REFERENCES "award"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_lot_id_fkey" FOREIGN KEY ("lot_id") REFERENCES "lot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "framework_lot" ADD CONSTRAINT "framework_lot_framework_id_fkey" FOREIGN KEY ("framework_id") REFERENCES "framework"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "framework_agreement" ADD CONSTRAINT "framework_agreement_framework_lot_id_fkey" FOREIGN KEY ("framework_lot_id") REFERENCES "framework_lot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "framework_agreement" ADD CONSTRAINT "framework_agreement_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offering" ADD CONSTRAINT "offering_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offering" ADD CONSTRAINT "offering_framework_lot_id_fkey" FOREIGN KEY ("framework_lot_id") REFERENCES "framework_lot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "match" ADD CONSTRAINT "match_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "match" ADD CONSTRAINT "match_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_alert_settings" ADD CONSTRAINT "supplier_alert_settings_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
