-- AlterTable
-- Failed log-ins are counted in login_throttle now (per address and account, atomically).
ALTER TABLE "app_user" DROP COLUMN "failedLogins",
DROP COLUMN "lockedUntil",
ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "passwordChangedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "session" ADD COLUMN     "endsAt" TIMESTAMP(3) NOT NULL DEFAULT (CURRENT_TIMESTAMP + '12:00:00'::interval);

-- CreateTable
CREATE TABLE "login_throttle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "strikes" INTEGER NOT NULL DEFAULT 0,
    "blockedUntil" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "login_throttle_updatedAt_idx" ON "login_throttle"("updatedAt");

-- Sessions signed in before this change end twelve hours after they began, like new ones.
UPDATE "session" SET "endsAt" = "createdAt" + INTERVAL '12 hours';
