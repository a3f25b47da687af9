-- Audit entries move into streams (one chain each) with keyed hashes; see packages/db/src/audit.
-- Entries written before this form the stream "legacy", in their old order and with their old
-- unkeyed SHA-256 chain, which the verifier still checks.

-- AlterTable: the new columns, filled for the entries already there.
ALTER TABLE "audit_log" ADD COLUMN     "keyId" TEXT,
ADD COLUMN     "stream" TEXT,
ADD COLUMN     "streamSeq" INTEGER;

ALTER TABLE "audit_log" DISABLE TRIGGER audit_log_no_update_delete;
UPDATE "audit_log" AS a SET "stream" = 'legacy', "keyId" = 'sha256', "streamSeq" = n.rn
  FROM (SELECT "seq", ROW_NUMBER() OVER (ORDER BY "seq")::INTEGER AS rn FROM "audit_log") AS n
  WHERE a."seq" = n."seq";
ALTER TABLE "audit_log" ENABLE TRIGGER audit_log_no_update_delete;

ALTER TABLE "audit_log" ALTER COLUMN "keyId" SET NOT NULL,
ALTER COLUMN "stream" SET NOT NULL,
ALTER COLUMN "streamSeq" SET NOT NULL;

-- CreateTable
CREATE TABLE "audit_stream" (
    "stream" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "head" TEXT NOT NULL,
    "checkpointedSeq" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "audit_stream_pkey" PRIMARY KEY ("stream")
);

INSERT INTO "audit_stream" ("stream", "seq", "head", "updatedAt")
  SELECT 'legacy', "streamSeq", "hash", CURRENT_TIMESTAMP FROM "audit_log"
  WHERE "stream" = 'legacy' ORDER BY "streamSeq" DESC LIMIT 1;

-- CreateTable
CREATE TABLE "audit_checkpoint" (
    "id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "streams" JSONB NOT NULL,
    "streamCount" INTEGER NOT NULL,
    "entryCount" INTEGER NOT NULL,
    "prevMac" TEXT NOT NULL,
    "mac" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,

    CONSTRAINT "audit_checkpoint_pkey" PRIMARY KEY ("id")
);

-- Checkpoints are append-only like the log.
CREATE TRIGGER audit_checkpoint_no_update_delete
  BEFORE UPDATE OR DELETE ON "audit_checkpoint"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_checkpoint_no_truncate
  BEFORE TRUNCATE ON "audit_checkpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- CreateIndex
CREATE UNIQUE INDEX "audit_checkpoint_mac_key" ON "audit_checkpoint"("mac");

-- CreateIndex
CREATE INDEX "audit_log_stream_seq_idx" ON "audit_log"("stream", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_stream_streamSeq_key" ON "audit_log"("stream", "streamSeq");
