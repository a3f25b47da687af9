-- CreateEnum
CREATE TYPE "EquipmentType" AS ENUM ('lift', 'water_pump', 'fire_system', 'power_distribution', 'gate', 'ev_charger', 'cctv', 'other');

-- CreateEnum
CREATE TYPE "FirmStaffRole" AS ENUM ('engineering', 'security', 'fire_duty', 'cleaning', 'customer_service');

-- CreateEnum
CREATE TYPE "LogbookKind" AS ENUM ('operation', 'maintenance', 'inspection', 'patrol', 'visitor', 'acceptance');

-- AlterTable
ALTER TABLE "evidence" ADD COLUMN     "logbookEntryId" TEXT;

-- CreateTable
CREATE TABLE "equipment" (
    "id" TEXT NOT NULL,
    "compoundId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "type" "EquipmentType" NOT NULL,
    "name" TEXT NOT NULL,
    "keyPart" TEXT,
    "location" TEXT NOT NULL,
    "responsibleUserId" TEXT,
    "responsibleName" TEXT NOT NULL,
    "responsiblePhone" TEXT,
    "contractor" TEXT,
    "contractorPhone" TEXT,
    "maintenanceIntervalDays" INTEGER,
    "inspectionIntervalDays" INTEGER,
    "staffRole" "FirmStaffRole" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "equipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "patrol_route" (
    "id" TEXT NOT NULL,
    "compoundId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "staffRole" "FirmStaffRole" NOT NULL,
    "intervalDays" INTEGER NOT NULL DEFAULT 1,
    "checkpoints" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "patrol_route_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "logbook_entry" (
    "id" TEXT NOT NULL,
    "compoundId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "kind" "LogbookKind" NOT NULL,
    "equipmentId" TEXT,
    "routeId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT NOT NULL,
    "recordedByName" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "photoIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "correctsId" TEXT,
    "purgeAfter" TIMESTAMP(3),

    CONSTRAINT "logbook_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visitor_record" (
    "entryId" TEXT NOT NULL,
    "compoundId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "visiting" TEXT NOT NULL,
    "purgeAfter" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "visitor_record_pkey" PRIMARY KEY ("entryId")
);

-- CreateTable
CREATE TABLE "upkeep_mark" (
    "equipmentId" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "overdueAt" TIMESTAMP(3),

    CONSTRAINT "upkeep_mark_pkey" PRIMARY KEY ("equipmentId","dueOn")
);

-- CreateTable
CREATE TABLE "steward_assignment" (
    "id" TEXT NOT NULL,
    "compoundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "buildings" TEXT[],
    "phone" TEXT NOT NULL,
    "note" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "steward_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "equipment_compoundId_code_key" ON "equipment"("compoundId", "code");

-- CreateIndex
CREATE INDEX "patrol_route_compoundId_idx" ON "patrol_route"("compoundId");

-- CreateIndex
CREATE INDEX "logbook_entry_compoundId_kind_occurredAt_idx" ON "logbook_entry"("compoundId", "kind", "occurredAt");

-- CreateIndex
CREATE INDEX "logbook_entry_equipmentId_kind_occurredAt_idx" ON "logbook_entry"("equipmentId", "kind", "occurredAt");

-- CreateIndex
CREATE INDEX "logbook_entry_routeId_occurredAt_idx" ON "logbook_entry"("routeId", "occurredAt");

-- CreateIndex
CREATE INDEX "visitor_record_purgeAfter_idx" ON "visitor_record"("purgeAfter");

-- CreateIndex
CREATE INDEX "steward_assignment_compoundId_idx" ON "steward_assignment"("compoundId");

-- CreateIndex
CREATE INDEX "evidence_logbookEntryId_idx" ON "evidence"("logbookEntryId");

-- AddForeignKey
ALTER TABLE "equipment" ADD CONSTRAINT "equipment_compoundId_fkey" FOREIGN KEY ("compoundId") REFERENCES "compound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patrol_route" ADD CONSTRAINT "patrol_route_compoundId_fkey" FOREIGN KEY ("compoundId") REFERENCES "compound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logbook_entry" ADD CONSTRAINT "logbook_entry_compoundId_fkey" FOREIGN KEY ("compoundId") REFERENCES "compound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logbook_entry" ADD CONSTRAINT "logbook_entry_equipmentId_fkey" FOREIGN KEY ("equipmentId") REFERENCES "equipment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logbook_entry" ADD CONSTRAINT "logbook_entry_routeId_fkey" FOREIGN KEY ("routeId") REFERENCES "patrol_route"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upkeep_mark" ADD CONSTRAINT "upkeep_mark_equipmentId_fkey" FOREIGN KEY ("equipmentId") REFERENCES "equipment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "steward_assignment" ADD CONSTRAINT "steward_assignment_compoundId_fkey" FOREIGN KEY ("compoundId") REFERENCES "compound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Logbook entries are append-only like the audit log: a correction is a new entry pointing at the
-- old one. The runtime role has no UPDATE or DELETE on the table; the trigger refuses them to every
-- session, so a mistake cannot be "fixed" in place even by the owner without switching it off.
CREATE OR REPLACE FUNCTION logbook_entry_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'logbook_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER logbook_entry_no_update_delete
  BEFORE UPDATE OR DELETE ON "logbook_entry"
  FOR EACH ROW EXECUTE FUNCTION logbook_entry_refuse_change();

CREATE TRIGGER logbook_entry_no_truncate
  BEFORE TRUNCATE ON "logbook_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION logbook_entry_refuse_change();
