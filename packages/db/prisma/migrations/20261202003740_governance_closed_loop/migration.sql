-- CreateEnum
CREATE TYPE "PartyKind" AS ENUM ('property', 'urban', 'livelihood', 'judicial');

-- CreateEnum
CREATE TYPE "ResidentApplicationStatus" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "MatterSource" AS ENUM ('resident', 'patrol', 'meeting', 'hotline', 'phone', 'reception');

-- CreateEnum
CREATE TYPE "MatterStatus" AS ENUM ('reported', 'assigned', 'in_progress', 'answered', 'closed');

-- CreateEnum
CREATE TYPE "MatterUrgency" AS ENUM ('urgent', 'ordinary');

-- CreateEnum
CREATE TYPE "MatterCloseKind" AS ENUM ('rated', 'confirmed', 'auto', 'cancelled');

-- CreateEnum
CREATE TYPE "PatrolVisitStatus" AS ENUM ('planned', 'done', 'missed');

-- CreateEnum
CREATE TYPE "MeetingPhase" AS ENUM ('opinions', 'meeting', 'follow_up', 'closed');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'party';

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "compoundId" TEXT,
ADD COLUMN     "partyId" TEXT,
ADD COLUMN     "residence" TEXT;

-- AlterTable
ALTER TABLE "evidence" ADD COLUMN     "matterId" TEXT;

-- CreateTable
CREATE TABLE "party" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PartyKind" NOT NULL,
    "communityId" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resident_application" (
    "id" TEXT NOT NULL,
    "compoundId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "residence" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "status" "ResidentApplicationStatus" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "userId" TEXT,

    CONSTRAINT "resident_application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "matter" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "source" "MatterSource" NOT NULL,
    "patrolVisitId" TEXT,
    "meetingId" TEXT,
    "compoundId" TEXT,
    "communityId" TEXT NOT NULL,
    "firmId" TEXT,
    "category" TEXT NOT NULL,
    "urgency" "MatterUrgency" NOT NULL DEFAULT 'ordinary',
    "location" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "reporterId" TEXT,
    "callerName" TEXT,
    "callerPhone" TEXT,
    "status" "MatterStatus" NOT NULL,
    "assigneeKind" TEXT,
    "assigneeFirmId" TEXT,
    "assigneePartyId" TEXT,
    "jointPartyIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "acceptBy" TIMESTAMP(3),
    "resolveBy" TIMESTAMP(3),
    "confirmBy" TIMESTAMP(3),
    "assignedAt" TIMESTAMP(3),
    "acceptedAt" TIMESTAMP(3),
    "acceptedInTime" BOOLEAN,
    "answeredAt" TIMESTAMP(3),
    "resolvedInTime" BOOLEAN,
    "closedAt" TIMESTAMP(3),
    "closeKind" "MatterCloseKind",
    "rating" INTEGER,
    "ratingComment" TEXT,
    "solved" BOOLEAN,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "returnCount" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "ruleVersion" INTEGER NOT NULL,
    "evidenceIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "matter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "matter_event" (
    "id" TEXT NOT NULL,
    "matterId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT,
    "actorRole" TEXT NOT NULL,
    "actorUnit" TEXT,
    "note" TEXT,
    "evidenceIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "public" BOOLEAN NOT NULL DEFAULT true,
    "detail" JSONB,

    CONSTRAINT "matter_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "matter_rule_set" (
    "version" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "publishedById" TEXT,

    CONSTRAINT "matter_rule_set_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "patrol_plan" (
    "id" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "title" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "patrol_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "patrol_visit" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "compoundId" TEXT NOT NULL,
    "plannedOn" DATE NOT NULL,
    "status" "PatrolVisitStatus" NOT NULL DEFAULT 'planned',
    "patrollers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "note" TEXT,
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,
    "findingCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "patrol_visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "communityId" TEXT,
    "month" DATE NOT NULL,
    "title" TEXT NOT NULL,
    "phase" "MeetingPhase" NOT NULL,
    "opinionsUntil" TIMESTAMP(3) NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "heldAt" TIMESTAMP(3),
    "attendance" JSONB,
    "minutes" TEXT,
    "feedback" TEXT,
    "feedbackAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_opinion" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "residentId" TEXT,
    "matterId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "meeting_opinion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_resolution" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "matterId" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,

    CONSTRAINT "meeting_resolution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "party_code_key" ON "party"("code");

-- CreateIndex
CREATE UNIQUE INDEX "party_name_key" ON "party"("name");

-- CreateIndex
CREATE INDEX "resident_application_status_createdAt_idx" ON "resident_application"("status", "createdAt");

-- CreateIndex
CREATE INDEX "resident_application_compoundId_idx" ON "resident_application"("compoundId");

-- CreateIndex
CREATE UNIQUE INDEX "matter_number_key" ON "matter"("number");

-- CreateIndex
CREATE UNIQUE INDEX "matter_workflowId_key" ON "matter"("workflowId");

-- CreateIndex
CREATE INDEX "matter_status_createdAt_idx" ON "matter"("status", "createdAt");

-- CreateIndex
CREATE INDEX "matter_compoundId_createdAt_idx" ON "matter"("compoundId", "createdAt");

-- CreateIndex
CREATE INDEX "matter_communityId_createdAt_idx" ON "matter"("communityId", "createdAt");

-- CreateIndex
CREATE INDEX "matter_assigneeFirmId_status_idx" ON "matter"("assigneeFirmId", "status");

-- CreateIndex
CREATE INDEX "matter_assigneePartyId_status_idx" ON "matter"("assigneePartyId", "status");

-- CreateIndex
CREATE INDEX "matter_reporterId_createdAt_idx" ON "matter"("reporterId", "createdAt");

-- CreateIndex
CREATE INDEX "matter_patrolVisitId_idx" ON "matter"("patrolVisitId");

-- CreateIndex
CREATE INDEX "matter_meetingId_idx" ON "matter"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "matter_event_matterId_seq_key" ON "matter_event"("matterId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "patrol_plan_month_title_key" ON "patrol_plan"("month", "title");

-- CreateIndex
CREATE INDEX "patrol_visit_compoundId_plannedOn_idx" ON "patrol_visit"("compoundId", "plannedOn");

-- CreateIndex
CREATE UNIQUE INDEX "patrol_visit_planId_compoundId_key" ON "patrol_visit"("planId", "compoundId");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_workflowId_key" ON "meeting"("workflowId");

-- CreateIndex
CREATE INDEX "meeting_communityId_month_idx" ON "meeting"("communityId", "month");

-- CreateIndex
CREATE INDEX "meeting_opinion_meetingId_idx" ON "meeting_opinion"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_resolution_matterId_key" ON "meeting_resolution"("matterId");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_resolution_meetingId_seq_key" ON "meeting_resolution"("meetingId", "seq");

-- CreateIndex
CREATE INDEX "evidence_matterId_idx" ON "evidence"("matterId");

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_compoundId_fkey" FOREIGN KEY ("compoundId") REFERENCES "compound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "party" ADD CONSTRAINT "party_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "community"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resident_application" ADD CONSTRAINT "resident_application_compoundId_fkey" FOREIGN KEY ("compoundId") REFERENCES "compound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matter" ADD CONSTRAINT "matter_compoundId_fkey" FOREIGN KEY ("compoundId") REFERENCES "compound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matter_event" ADD CONSTRAINT "matter_event_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "matter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patrol_visit" ADD CONSTRAINT "patrol_visit_planId_fkey" FOREIGN KEY ("planId") REFERENCES "patrol_plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_opinion" ADD CONSTRAINT "meeting_opinion_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_resolution" ADD CONSTRAINT "meeting_resolution_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- 事项编号: numbered by one sequence, so concurrent reports never take the same number.
CREATE SEQUENCE "matter_number_seq";
