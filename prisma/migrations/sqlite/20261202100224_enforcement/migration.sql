-- CreateTable
CREATE TABLE "EnforcementAction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "hazardIds" TEXT NOT NULL DEFAULT '[]',
    "decisionNo" TEXT,
    "deadline" TEXT,
    "amountYuan" INTEGER,
    "fromDate" TEXT,
    "untilDate" TEXT,
    "transferTo" TEXT,
    "liftsId" INTEGER,
    "correctsId" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "actorId" INTEGER NOT NULL,
    "groupId" INTEGER,
    "at" DATETIME NOT NULL,
    CONSTRAINT "EnforcementAction_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "EnforcementAction_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EnforcementAttachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actionId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    CONSTRAINT "EnforcementAttachment_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "EnforcementAction" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "supervisorId" INTEGER,
    "sector" TEXT,
    "blacklisted" BOOLEAN NOT NULL DEFAULT false,
    "governmentProject" BOOLEAN NOT NULL DEFAULT false,
    "projectOwnerId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Unit_supervisorId_fkey" FOREIGN KEY ("supervisorId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Unit_projectOwnerId_fkey" FOREIGN KEY ("projectOwnerId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Unit" ("blacklisted", "createdAt", "id", "kind", "name", "sector", "supervisorId") SELECT "blacklisted", "createdAt", "id", "kind", "name", "sector", "supervisorId" FROM "Unit";
DROP TABLE "Unit";
ALTER TABLE "new_Unit" RENAME TO "Unit";
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");
CREATE INDEX "Unit_supervisorId_idx" ON "Unit"("supervisorId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "EnforcementAction_code_key" ON "EnforcementAction"("code");

-- CreateIndex
CREATE INDEX "EnforcementAction_unitId_at_idx" ON "EnforcementAction"("unitId", "at");

-- CreateIndex
CREATE INDEX "EnforcementAction_kind_at_idx" ON "EnforcementAction"("kind", "at");

-- CreateIndex
CREATE INDEX "EnforcementAction_actorId_at_idx" ON "EnforcementAction"("actorId", "at");

-- CreateIndex
CREATE INDEX "EnforcementAttachment_actionId_idx" ON "EnforcementAttachment"("actionId");
