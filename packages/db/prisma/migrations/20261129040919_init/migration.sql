-- CreateTable
CREATE TABLE "engine_probe" (
    "id" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "engine_probe_pkey" PRIMARY KEY ("id")
);
