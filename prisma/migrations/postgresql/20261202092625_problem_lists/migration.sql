-- AlterTable
ALTER TABLE "Hazard" ADD COLUMN     "campaignId" INTEGER,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'other',
ADD COLUMN     "sourceBody" TEXT,
ADD COLUMN     "sourceDate" TEXT;

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "sectors" TEXT NOT NULL DEFAULT '[]',
    "leadUnitId" INTEGER,
    "startOn" TEXT,
    "endOn" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Batch" (
    "id" SERIAL NOT NULL,
    "code" TEXT,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceBody" TEXT,
    "sourceDate" TEXT,
    "campaignId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'preview',
    "fileName" TEXT NOT NULL,
    "filePath" TEXT,
    "createdById" INTEGER NOT NULL,
    "groupId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "importedAt" TIMESTAMP(3),

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchItem" (
    "id" SERIAL NOT NULL,
    "batchId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "unitWritten" TEXT NOT NULL,
    "unitId" INTEGER,
    "description" TEXT NOT NULL,
    "category" TEXT,
    "level" TEXT NOT NULL DEFAULT 'general',
    "measures" TEXT,
    "ownerName" TEXT,
    "deadline" TEXT,
    "hazardId" INTEGER,

    CONSTRAINT "BatchItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_name_key" ON "Campaign"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Batch_code_key" ON "Batch"("code");

-- CreateIndex
CREATE INDEX "Batch_status_createdById_idx" ON "Batch"("status", "createdById");

-- CreateIndex
CREATE UNIQUE INDEX "BatchItem_hazardId_key" ON "BatchItem"("hazardId");

-- CreateIndex
CREATE UNIQUE INDEX "BatchItem_batchId_seq_key" ON "BatchItem"("batchId", "seq");

-- CreateIndex
CREATE INDEX "Hazard_campaignId_idx" ON "Hazard"("campaignId");

-- AddForeignKey
ALTER TABLE "Hazard" ADD CONSTRAINT "Hazard_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchItem" ADD CONSTRAINT "BatchItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchItem" ADD CONSTRAINT "BatchItem_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Existing hazards: a contact registering in their own unit found it themselves (企业自查); a
-- department's registration was its own inspection (部门检查); the rest stay 其他 rather than guessed.
UPDATE "Hazard" SET "source" = 'self_check'
WHERE EXISTS (SELECT 1 FROM "Person" p WHERE p."id" = "Hazard"."reporterId" AND p."role" = 'contact' AND p."unitId" = "Hazard"."unitId");
UPDATE "Hazard" SET "source" = 'department_check'
WHERE "source" = 'other' AND EXISTS (SELECT 1 FROM "Person" p WHERE p."id" = "Hazard"."reporterId" AND p."role" = 'department');
