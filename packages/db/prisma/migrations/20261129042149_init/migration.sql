-- CreateEnum
CREATE TYPE "FirmListStatus" AS ENUM ('none', 'red', 'black');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'coordinator', 'inspector', 'firm', 'resident');

-- CreateEnum
CREATE TYPE "CatalogueStatus" AS ENUM ('draft', 'published', 'retired');

-- CreateEnum
CREATE TYPE "Stage" AS ENUM ('improvement', 'consolidation', 'rollout', 'withdrawn');

-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('active', 'paused', 'withdrawn', 'completed');

-- CreateEnum
CREATE TYPE "RoundKind" AS ENUM ('improvement', 'consolidation');

-- CreateEnum
CREATE TYPE "RoundStatus" AS ENUM ('scheduled', 'running', 'evaluated', 'archived');

-- CreateEnum
CREATE TYPE "InspectionKind" AS ENUM ('self', 'concentrated', 'weekly', 'monthly', 'quarterly', 'consolidation');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('scheduled', 'open', 'submitted', 'missed', 'cancelled');

-- CreateEnum
CREATE TYPE "ItemOutcome" AS ENUM ('pass', 'fail', 'na');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('minor', 'major', 'critical');

-- CreateEnum
CREATE TYPE "RectificationStatus" AS ENUM ('open', 'responded', 'reopened', 'closed', 'cancelled');

-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('accept', 'reject');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('reminder', 'escalation', 'missed', 'overdue', 'stage_change', 'info');

-- CreateTable
CREATE TABLE "community" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "subdistrict" TEXT NOT NULL,

    CONSTRAINT "community_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "firm" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "creditCode" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "listStatus" "FirmListStatus" NOT NULL DEFAULT 'none',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "firm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "compound" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "address" TEXT,
    "households" INTEGER,
    "buildings" INTEGER,
    "hasLifts" BOOLEAN NOT NULL DEFAULT false,
    "isDemonstration" BOOLEAN NOT NULL DEFAULT false,
    "demonstrationAt" TIMESTAMP(3),

    CONSTRAINT "compound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "compound_monthly_metric" (
    "compoundId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "complaints" INTEGER NOT NULL,
    "feeCollectionRate" DOUBLE PRECISION,
    "satisfaction" DOUBLE PRECISION,

    CONSTRAINT "compound_monthly_metric_pkey" PRIMARY KEY ("compoundId","month")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "firmId" TEXT,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "rotatedFrom" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_record" (
    "key" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "responseStatus" INTEGER NOT NULL,
    "responseBody" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_record_pkey" PRIMARY KEY ("userId","key")
);

-- CreateTable
CREATE TABLE "catalogue_version" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" "CatalogueStatus" NOT NULL DEFAULT 'draft',
    "content" JSONB NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "publishedAt" TIMESTAMP(3),
    "firstUsedAt" TIMESTAMP(3),

    CONSTRAINT "catalogue_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrollment" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "compoundId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "catalogueVersionId" TEXT NOT NULL,
    "stage" "Stage" NOT NULL,
    "phase" TEXT NOT NULL,
    "status" "EnrollmentStatus" NOT NULL DEFAULT 'active',
    "startDate" TIMESTAMP(3) NOT NULL,
    "plan" JSONB NOT NULL,
    "originEnrollmentId" TEXT,
    "currentRound" INTEGER NOT NULL DEFAULT 0,
    "latestScore" DOUBLE PRECISION,
    "starRating" INTEGER,
    "enrolledById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inspector_assignment" (
    "enrollmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lead" BOOLEAN NOT NULL DEFAULT false,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inspector_assignment_pkey" PRIMARY KEY ("enrollmentId","userId")
);

-- CreateTable
CREATE TABLE "round" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "RoundKind" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" "RoundStatus" NOT NULL DEFAULT 'scheduled',
    "focusCategories" TEXT[],
    "score" DOUBLE PRECISION,
    "categoryScores" JSONB,
    "starRating" INTEGER,
    "complianceRate" DOUBLE PRECISION,
    "keyAreas" TEXT[],
    "passed" BOOLEAN,
    "assessment" JSONB,
    "evaluatedAt" TIMESTAMP(3),

    CONSTRAINT "round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inspection_task" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "roundId" TEXT,
    "key" TEXT NOT NULL,
    "kind" "InspectionKind" NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "remindAt" TIMESTAMP(3),
    "missedAt" TIMESTAMP(3),
    "assigneeId" TEXT,
    "status" "TaskStatus" NOT NULL DEFAULT 'scheduled',
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "inspection_task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inspection_result" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "submittedById" TEXT NOT NULL,
    "catalogueVersionId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "categoryScores" JSONB NOT NULL,
    "complianceRate" DOUBLE PRECISION NOT NULL,
    "notes" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "inspection_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "item_result" (
    "resultId" TEXT NOT NULL,
    "standardCode" TEXT NOT NULL,
    "outcome" "ItemOutcome" NOT NULL,
    "score" DOUBLE PRECISION,
    "note" TEXT,
    "evidenceIds" TEXT[],

    CONSTRAINT "item_result_pkey" PRIMARY KEY ("resultId","standardCode")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rectification" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "roundId" TEXT,
    "taskId" TEXT NOT NULL,
    "standardCode" TEXT NOT NULL,
    "finding" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "critical" BOOLEAN NOT NULL DEFAULT false,
    "deadline" TIMESTAMP(3) NOT NULL,
    "status" "RectificationStatus" NOT NULL DEFAULT 'open',
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),

    CONSTRAINT "rectification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rectification_response" (
    "id" TEXT NOT NULL,
    "rectificationId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "evidenceIds" TEXT[],
    "responderId" TEXT NOT NULL,
    "respondedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rectification_response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rectification_verification" (
    "id" TEXT NOT NULL,
    "rectificationId" TEXT NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "reason" TEXT,
    "newDeadline" TIMESTAMP(3),
    "verifierId" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rectification_verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rectification_event" (
    "id" TEXT NOT NULL,
    "rectificationId" TEXT NOT NULL,
    "fromStatus" "RectificationStatus",
    "toStatus" "RectificationStatus" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT,
    "note" TEXT,

    CONSTRAINT "rectification_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "archive" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "index" JSONB NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "archive_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "userId" TEXT,
    "role" "Role",
    "enrollmentId" TEXT,
    "kind" "NotificationKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRole" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "engine_probe" (
    "id" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "engine_probe_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "community_code_key" ON "community"("code");

-- CreateIndex
CREATE UNIQUE INDEX "firm_name_key" ON "firm"("name");

-- CreateIndex
CREATE UNIQUE INDEX "firm_creditCode_key" ON "firm"("creditCode");

-- CreateIndex
CREATE INDEX "compound_firmId_idx" ON "compound"("firmId");

-- CreateIndex
CREATE UNIQUE INDEX "compound_communityId_name_key" ON "compound"("communityId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE INDEX "app_user_role_idx" ON "app_user"("role");

-- CreateIndex
CREATE UNIQUE INDEX "session_tokenHash_key" ON "session"("tokenHash");

-- CreateIndex
CREATE INDEX "session_userId_idx" ON "session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "enrollment_workflowId_key" ON "enrollment"("workflowId");

-- CreateIndex
CREATE INDEX "enrollment_stage_status_idx" ON "enrollment"("stage", "status");

-- CreateIndex
CREATE INDEX "enrollment_compoundId_idx" ON "enrollment"("compoundId");

-- CreateIndex
CREATE INDEX "enrollment_firmId_idx" ON "enrollment"("firmId");

-- CreateIndex
CREATE INDEX "inspector_assignment_userId_idx" ON "inspector_assignment"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "round_enrollmentId_number_key" ON "round"("enrollmentId", "number");

-- CreateIndex
CREATE INDEX "inspection_task_assigneeId_status_dueAt_idx" ON "inspection_task"("assigneeId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "inspection_task_status_dueAt_idx" ON "inspection_task"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "inspection_task_enrollmentId_key_key" ON "inspection_task"("enrollmentId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "inspection_result_taskId_key" ON "inspection_result"("taskId");

-- CreateIndex
CREATE INDEX "inspection_result_enrollmentId_submittedAt_idx" ON "inspection_result"("enrollmentId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_storageKey_key" ON "evidence"("storageKey");

-- CreateIndex
CREATE INDEX "evidence_enrollmentId_idx" ON "evidence"("enrollmentId");

-- CreateIndex
CREATE INDEX "rectification_enrollmentId_status_idx" ON "rectification"("enrollmentId", "status");

-- CreateIndex
CREATE INDEX "rectification_status_deadline_idx" ON "rectification"("status", "deadline");

-- CreateIndex
CREATE INDEX "rectification_event_rectificationId_at_idx" ON "rectification_event"("rectificationId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "archive_roundId_key" ON "archive"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "notification_dedupeKey_key" ON "notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "notification_userId_readAt_idx" ON "notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "notification_enrollmentId_idx" ON "notification"("enrollmentId");

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_hash_key" ON "audit_log"("hash");

-- CreateIndex
CREATE INDEX "audit_log_entityType_entityId_idx" ON "audit_log"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "audit_log_actorId_at_idx" ON "audit_log"("actorId", "at");

-- CreateIndex
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");

-- AddForeignKey
ALTER TABLE "compound" ADD CONSTRAINT "compound_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compound" ADD CONSTRAINT "compound_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compound_monthly_metric" ADD CONSTRAINT "compound_monthly_metric_compoundId_fkey" FOREIGN KEY ("compoundId") REFERENCES "compound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "firm"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_compoundId_fkey" FOREIGN KEY ("compoundId") REFERENCES "compound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_catalogueVersionId_fkey" FOREIGN KEY ("catalogueVersionId") REFERENCES "catalogue_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_originEnrollmentId_fkey" FOREIGN KEY ("originEnrollmentId") REFERENCES "enrollment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspector_assignment" ADD CONSTRAINT "inspector_assignment_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "enrollment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspector_assignment" ADD CONSTRAINT "inspector_assignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "round" ADD CONSTRAINT "round_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "enrollment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspection_task" ADD CONSTRAINT "inspection_task_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "enrollment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspection_task" ADD CONSTRAINT "inspection_task_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "round"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspection_task" ADD CONSTRAINT "inspection_task_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspection_result" ADD CONSTRAINT "inspection_result_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "inspection_task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspection_result" ADD CONSTRAINT "inspection_result_catalogueVersionId_fkey" FOREIGN KEY ("catalogueVersionId") REFERENCES "catalogue_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "item_result" ADD CONSTRAINT "item_result_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "inspection_result"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rectification" ADD CONSTRAINT "rectification_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "enrollment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rectification" ADD CONSTRAINT "rectification_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "round"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rectification_response" ADD CONSTRAINT "rectification_response_rectificationId_fkey" FOREIGN KEY ("rectificationId") REFERENCES "rectification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rectification_verification" ADD CONSTRAINT "rectification_verification_rectificationId_fkey" FOREIGN KEY ("rectificationId") REFERENCES "rectification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rectification_event" ADD CONSTRAINT "rectification_event_rectificationId_fkey" FOREIGN KEY ("rectificationId") REFERENCES "rectification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive" ADD CONSTRAINT "archive_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "enrollment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "archive" ADD CONSTRAINT "archive_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "round"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
