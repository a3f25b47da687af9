-- An Idempotency-Key is claimed before its request runs (a row without an answer yet), so
-- concurrent requests with one key cannot both run; see apps/api/src/platform/idempotency.

-- AlterTable
ALTER TABLE "idempotency_record" ADD COLUMN     "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "completedAt" TIMESTAMP(3),
ADD COLUMN     "claimId" TEXT,
ALTER COLUMN "responseStatus" DROP NOT NULL,
ALTER COLUMN "responseBody" DROP NOT NULL;

-- Rows written before this are finished answers.
UPDATE "idempotency_record" SET "completedAt" = "createdAt", "claimedAt" = "createdAt";
