-- AlterTable
ALTER TABLE "CreditListEntry" ADD COLUMN "decidedAt" DATETIME;
ALTER TABLE "CreditListEntry" ADD COLUMN "decidedById" INTEGER;
ALTER TABLE "CreditListEntry" ADD COLUMN "enteredById" INTEGER;
ALTER TABLE "CreditListEntry" ADD COLUMN "note" TEXT;

-- AlterTable
ALTER TABLE "HazardEvent" ADD COLUMN "groupId" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Reinspection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hazardId" INTEGER NOT NULL,
    "closedOn" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "dueOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "note" TEXT,
    CONSTRAINT "Reinspection_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Reinspection" ("decidedAt", "decidedById", "dueOn", "hazardId", "id", "note", "round", "status") SELECT "decidedAt", "decidedById", "dueOn", "hazardId", "id", "note", "round", "status" FROM "Reinspection";
DROP TABLE "Reinspection";
ALTER TABLE "new_Reinspection" RENAME TO "Reinspection";
CREATE INDEX "Reinspection_status_dueOn_idx" ON "Reinspection"("status", "dueOn");
CREATE UNIQUE INDEX "Reinspection_hazardId_closedOn_round_key" ON "Reinspection"("hazardId", "closedOn", "round");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CreditListEntry_unitId_ruleKey_key" ON "CreditListEntry"("unitId", "ruleKey");

-- CreateIndex
CREATE INDEX "HazardEvent_actorId_at_idx" ON "HazardEvent"("actorId", "at");
