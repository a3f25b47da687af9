-- Issue 12: master data that is deactivated rather than deleted, users bound to a community and
-- their notice channels, the inbox's receipts and links, deliveries per channel, published working
-- calendars, spreadsheet imports, and the archive's printable file book.

-- CreateEnum
CREATE TYPE "NoticeChannel" AS ENUM ('email', 'wecom', 'dingtalk');

-- CreateEnum
CREATE TYPE "NoticeDeliveryStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "CalendarReleaseStatus" AS ENUM ('draft', 'published');

-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('compounds', 'firms', 'users');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('checked', 'applied');

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "communityId" TEXT,
ADD COLUMN     "email" TEXT,
ADD COLUMN     "noticeChannels" "NoticeChannel"[] DEFAULT ARRAY[]::"NoticeChannel"[];

-- AlterTable
ALTER TABLE "archive" ADD COLUMN     "bookBytes" INTEGER,
ADD COLUMN     "bookHash" TEXT,
ADD COLUMN     "bookStorageKey" TEXT;

-- AlterTable
ALTER TABLE "community" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "compound" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "enrollment" ADD COLUMN     "calendarVersion" INTEGER;

-- AlterTable
ALTER TABLE "firm" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "address" TEXT,
ADD COLUMN     "contactEmail" TEXT;

-- AlterTable
ALTER TABLE "notification" ADD COLUMN     "entityId" TEXT,
ADD COLUMN     "entityType" TEXT;

-- CreateTable
CREATE TABLE "notification_receipt" (
    "notificationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notification_receipt_pkey" PRIMARY KEY ("notificationId","userId")
);

-- CreateTable
CREATE TABLE "notice_delivery" (
    "id" TEXT NOT NULL,
    "notificationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channel" "NoticeChannel" NOT NULL,
    "address" TEXT NOT NULL,
    "status" "NoticeDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notice_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_release" (
    "version" INTEGER NOT NULL,
    "status" "CalendarReleaseStatus" NOT NULL DEFAULT 'draft',
    "firstYear" INTEGER NOT NULL,
    "lastYear" INTEGER NOT NULL,
    "holidays" JSONB NOT NULL,
    "makeUpWorkdays" JSONB NOT NULL,
    "localHolidays" JSONB NOT NULL DEFAULT '[]',
    "localMakeUpWorkdays" JSONB NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "publishedAt" TIMESTAMP(3),
    "publishedById" TEXT,

    CONSTRAINT "calendar_release_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "import_job" (
    "id" TEXT NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "problems" JSONB NOT NULL,
    "outcome" JSONB,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notification_receipt_userId_idx" ON "notification_receipt"("userId");

-- CreateIndex
CREATE INDEX "notice_delivery_status_createdAt_idx" ON "notice_delivery"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "notice_delivery_notificationId_userId_channel_key" ON "notice_delivery"("notificationId", "userId", "channel");

-- CreateIndex
CREATE INDEX "import_job_createdAt_idx" ON "import_job"("createdAt");

-- CreateIndex
CREATE INDEX "notification_role_createdAt_idx" ON "notification"("role", "createdAt");

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "community"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_receipt" ADD CONSTRAINT "notification_receipt_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "notification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notice_delivery" ADD CONSTRAINT "notice_delivery_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "notification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
