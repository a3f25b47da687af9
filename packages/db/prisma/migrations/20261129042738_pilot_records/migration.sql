-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "dedupeKey" TEXT;

-- AlterTable
ALTER TABLE "enrollment" ADD COLUMN     "experienceSummary" JSONB;

-- AlterTable
ALTER TABLE "inspection_result" ALTER COLUMN "score" DROP NOT NULL,
ALTER COLUMN "complianceRate" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_dedupeKey_key" ON "audit_log"("dedupeKey");
