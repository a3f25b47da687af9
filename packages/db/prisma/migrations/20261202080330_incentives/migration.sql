-- CreateEnum
CREATE TYPE "RuleSetStatus" AS ENUM ('draft', 'published');

-- CreateEnum
CREATE TYPE "EvaluationPeriodKind" AS ENUM ('month', 'quarter');

-- CreateEnum
CREATE TYPE "EvaluationPeriodStatus" AS ENUM ('draft', 'published');

-- CreateEnum
CREATE TYPE "FirmListKind" AS ENUM ('red', 'black');

-- CreateEnum
CREATE TYPE "FirmListEntryStatus" AS ENUM ('candidate', 'listed', 'ended', 'dismissed');

-- CreateEnum
CREATE TYPE "MicroCaseType" AS ENUM ('innovation', 'service', 'project');

-- CreateEnum
CREATE TYPE "MicroCaseStatus" AS ENUM ('submitted', 'returned', 'rejected', 'shortlisted', 'selected');

-- CreateEnum
CREATE TYPE "CaseIssueStatus" AS ENUM ('draft', 'published');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'enrolling', 'enrolled', 'cancelled');

-- CreateEnum
CREATE TYPE "CampaignCompoundState" AS ENUM ('planned', 'started', 'already_enrolled', 'failed');

-- AlterTable
ALTER TABLE "enrollment" ADD COLUMN     "campaignId" TEXT;

-- AlterTable
ALTER TABLE "evidence" ADD COLUMN     "caseId" TEXT;

-- CreateTable
CREATE TABLE "evaluation_rule_set" (
    "version" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "status" "RuleSetStatus" NOT NULL DEFAULT 'draft',
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "publishedAt" TIMESTAMP(3),
    "publishedById" TEXT,

    CONSTRAINT "evaluation_rule_set_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "evaluation_period" (
    "id" TEXT NOT NULL,
    "kind" "EvaluationPeriodKind" NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "status" "EvaluationPeriodStatus" NOT NULL DEFAULT 'draft',
    "computedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "publishedById" TEXT,

    CONSTRAINT "evaluation_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "firm_evaluation" (
    "periodId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "grade" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "previousRank" INTEGER,
    "previousGrade" TEXT,
    "facts" JSONB NOT NULL,
    "explanation" JSONB NOT NULL,
    "sources" JSONB NOT NULL,

    CONSTRAINT "firm_evaluation_pkey" PRIMARY KEY ("periodId","firmId")
);

-- CreateTable
CREATE TABLE "firm_list_entry" (
    "id" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "list" "FirmListKind" NOT NULL,
    "status" "FirmListEntryStatus" NOT NULL,
    "rule" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "periodId" TEXT,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "effectiveFrom" DATE,
    "effectiveUntil" DATE,
    "endedAt" TIMESTAMP(3),
    "endedById" TEXT,
    "endReason" TEXT,

    CONSTRAINT "firm_list_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "micro_case" (
    "id" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "compoundId" TEXT,
    "type" "MicroCaseType" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "photoIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "MicroCaseStatus" NOT NULL DEFAULT 'submitted',
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "reviewNote" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "issueId" TEXT,
    "position" INTEGER,

    CONSTRAINT "micro_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_issue" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "foreword" TEXT,
    "status" "CaseIssueStatus" NOT NULL DEFAULT 'draft',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "publishedAt" TIMESTAMP(3),
    "publishedById" TEXT,

    CONSTRAINT "case_issue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disclosure_snapshot" (
    "id" TEXT NOT NULL,
    "subdistrict" TEXT NOT NULL,
    "sections" TEXT[],
    "content" JSONB NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "publishedById" TEXT,

    CONSTRAINT "disclosure_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rollout_campaign" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT,
    "name" TEXT NOT NULL,
    "originEnrollmentIds" TEXT[],
    "invitedFirmIds" TEXT[],
    "meetingOn" DATE,
    "meetingPlace" TEXT,
    "meetingAttendees" JSONB,
    "meetingMinutes" TEXT,
    "startDate" DATE NOT NULL,
    "catalogueVersionId" TEXT NOT NULL,
    "weeklyCapacity" INTEGER NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,

    CONSTRAINT "rollout_campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_compound" (
    "campaignId" TEXT NOT NULL,
    "compoundId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "originEnrollmentId" TEXT NOT NULL,
    "inspectorAssignments" JSONB NOT NULL,
    "state" "CampaignCompoundState" NOT NULL DEFAULT 'planned',
    "enrollmentId" TEXT,
    "failure" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaign_compound_pkey" PRIMARY KEY ("campaignId","compoundId")
);

-- CreateIndex
CREATE INDEX "evaluation_period_kind_startsOn_idx" ON "evaluation_period"("kind", "startsOn");

-- CreateIndex
CREATE INDEX "firm_evaluation_firmId_idx" ON "firm_evaluation"("firmId");

-- CreateIndex
CREATE INDEX "firm_list_entry_status_list_idx" ON "firm_list_entry"("status", "list");

-- CreateIndex
CREATE UNIQUE INDEX "firm_list_entry_firmId_list_rule_periodId_key" ON "firm_list_entry"("firmId", "list", "rule", "periodId");

-- CreateIndex
CREATE INDEX "micro_case_status_submittedAt_idx" ON "micro_case"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "micro_case_firmId_submittedAt_idx" ON "micro_case"("firmId", "submittedAt");

-- CreateIndex
CREATE INDEX "micro_case_issueId_idx" ON "micro_case"("issueId");

-- CreateIndex
CREATE UNIQUE INDEX "case_issue_number_key" ON "case_issue"("number");

-- CreateIndex
CREATE INDEX "disclosure_snapshot_subdistrict_publishedAt_idx" ON "disclosure_snapshot"("subdistrict", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "rollout_campaign_workflowId_key" ON "rollout_campaign"("workflowId");

-- CreateIndex
CREATE INDEX "campaign_compound_compoundId_idx" ON "campaign_compound"("compoundId");

-- CreateIndex
CREATE INDEX "evidence_caseId_idx" ON "evidence"("caseId");

-- AddForeignKey
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "rollout_campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "firm_evaluation" ADD CONSTRAINT "firm_evaluation_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "evaluation_period"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "firm_evaluation" ADD CONSTRAINT "firm_evaluation_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "firm_list_entry" ADD CONSTRAINT "firm_list_entry_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "firm_list_entry" ADD CONSTRAINT "firm_list_entry_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "evaluation_period"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "micro_case" ADD CONSTRAINT "micro_case_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "micro_case" ADD CONSTRAINT "micro_case_compoundId_fkey" FOREIGN KEY ("compoundId") REFERENCES "compound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "micro_case" ADD CONSTRAINT "micro_case_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "case_issue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_compound" ADD CONSTRAINT "campaign_compound_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "rollout_campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_compound" ADD CONSTRAINT "campaign_compound_compoundId_fkey" FOREIGN KEY ("compoundId") REFERENCES "compound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_compound" ADD CONSTRAINT "campaign_compound_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
