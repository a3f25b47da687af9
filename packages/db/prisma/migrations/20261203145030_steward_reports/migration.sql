-- AlterEnum
ALTER TYPE "MatterSource" ADD VALUE 'steward';

-- AlterTable
ALTER TABLE "matter" ADD COLUMN     "stewardId" TEXT;

-- AddForeignKey
ALTER TABLE "matter" ADD CONSTRAINT "matter_stewardId_fkey" FOREIGN KEY ("stewardId") REFERENCES "steward_assignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
