-- AlterEnum
ALTER TYPE "InspectionKind" ADD VALUE 'recheck';

-- AlterEnum
ALTER TYPE "RectificationStatus" ADD VALUE 'controlled';

-- AlterTable (a compound known to have lifts keeps at least one; the count is then corrected in the register)
ALTER TABLE "compound" ADD COLUMN     "liftCount" INTEGER NOT NULL DEFAULT 0;
UPDATE "compound" SET "liftCount" = 1 WHERE "hasLifts";
ALTER TABLE "compound" DROP COLUMN "hasLifts",
ADD COLUMN     "hasEvChargingArea" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "hasFireControlRoom" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "hasSecondaryWaterSupply" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "hasSepticTank" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "hasUndergroundGarage" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "yearBuilt" INTEGER;

-- AlterTable
ALTER TABLE "inspection_result" ADD COLUMN     "evidenceIds" TEXT[],
ADD COLUMN     "operationRate" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "inspection_task" ADD COLUMN     "scope" JSONB;

-- AlterTable
ALTER TABLE "item_result" DROP CONSTRAINT "item_result_pkey",
ADD COLUMN     "keyPart" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "item_result_pkey" PRIMARY KEY ("resultId", "standardCode", "keyPart");

-- AlterTable
ALTER TABLE "rectification" ADD COLUMN     "controlledAt" TIMESTAMP(3),
ADD COLUMN     "keyPart" TEXT;

-- AlterTable
ALTER TABLE "rectification_event" ADD COLUMN     "evidenceIds" TEXT[];

-- AlterTable
ALTER TABLE "round" ADD COLUMN     "keyParts" JSONB,
ADD COLUMN     "operationRate" DOUBLE PRECISION;
