-- CreateTable
CREATE TABLE "Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "sectors" TEXT NOT NULL DEFAULT '[]',
    "leadUnitId" INTEGER,
    "startOn" TEXT,
    "endOn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Batch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "createdAt" DATETIME NOT NULL,
    "importedAt" DATETIME,
    CONSTRAINT "Batch_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BatchItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    CONSTRAINT "BatchItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BatchItem_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Hazard" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "location" TEXT,
    "category" TEXT NOT NULL,
    "level" TEXT NOT NULL DEFAULT 'general',
    "unitId" INTEGER NOT NULL,
    "reporterId" INTEGER NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "measures" TEXT,
    "deadline" TEXT NOT NULL,
    "originalDeadline" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'registered',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "sourceGroupId" INTEGER,
    "extensionTo" TEXT,
    "extensionReason" TEXT,
    "supervised" BOOLEAN NOT NULL DEFAULT false,
    "supervisingLeader" TEXT,
    "plan" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "closedOn" TEXT,
    "closedAt" DATETIME,
    "source" TEXT NOT NULL DEFAULT 'other',
    "sourceBody" TEXT,
    "sourceDate" TEXT,
    "campaignId" INTEGER,
    CONSTRAINT "Hazard_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Hazard_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Hazard_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Hazard_sourceGroupId_fkey" FOREIGN KEY ("sourceGroupId") REFERENCES "Group" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Hazard_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Hazard" ("category", "closedAt", "closedOn", "code", "createdAt", "deadline", "description", "extensionReason", "extensionTo", "id", "level", "location", "measures", "originalDeadline", "ownerId", "plan", "progress", "reporterId", "sourceGroupId", "status", "supervised", "supervisingLeader", "unitId", "updatedAt") SELECT "category", "closedAt", "closedOn", "code", "createdAt", "deadline", "description", "extensionReason", "extensionTo", "id", "level", "location", "measures", "originalDeadline", "ownerId", "plan", "progress", "reporterId", "sourceGroupId", "status", "supervised", "supervisingLeader", "unitId", "updatedAt" FROM "Hazard";
DROP TABLE "Hazard";
ALTER TABLE "new_Hazard" RENAME TO "Hazard";
CREATE UNIQUE INDEX "Hazard_code_key" ON "Hazard"("code");
CREATE INDEX "Hazard_status_deadline_unitId_level_category_idx" ON "Hazard"("status", "deadline", "unitId", "level", "category");
CREATE INDEX "Hazard_unitId_status_deadline_level_category_idx" ON "Hazard"("unitId", "status", "deadline", "level", "category");
CREATE INDEX "Hazard_ownerId_status_idx" ON "Hazard"("ownerId", "status");
CREATE INDEX "Hazard_closedOn_idx" ON "Hazard"("closedOn");
CREATE INDEX "Hazard_createdAt_idx" ON "Hazard"("createdAt");
CREATE INDEX "Hazard_campaignId_idx" ON "Hazard"("campaignId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

-- Existing hazards: a contact registering in their own unit found it themselves (企业自查); a
-- department's registration was its own inspection (部门检查); the rest stay 其他 rather than guessed.
UPDATE "Hazard" SET "source" = 'self_check'
WHERE EXISTS (SELECT 1 FROM "Person" p WHERE p."id" = "Hazard"."reporterId" AND p."role" = 'contact' AND p."unitId" = "Hazard"."unitId");
UPDATE "Hazard" SET "source" = 'department_check'
WHERE "source" = 'other' AND EXISTS (SELECT 1 FROM "Person" p WHERE p."id" = "Hazard"."reporterId" AND p."role" = 'department');
