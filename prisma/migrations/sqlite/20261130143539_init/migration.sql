-- CreateTable
CREATE TABLE "Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "supervisorId" INTEGER,
    "sector" TEXT,
    "blacklisted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Unit_supervisorId_fkey" FOREIGN KEY ("supervisorId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "unitId" INTEGER,
    "role" TEXT NOT NULL,
    "wecomId" TEXT,
    "dingtalkId" TEXT,
    "wechatId" TEXT,
    "mobile" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Group" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "unitId" INTEGER,
    "purpose" TEXT NOT NULL DEFAULT 'unit',
    "wecomId" TEXT,
    "dingtalkId" TEXT,
    "wechatId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Group_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Hazard" (
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
    CONSTRAINT "Hazard_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Hazard_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Hazard_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Hazard_sourceGroupId_fkey" FOREIGN KEY ("sourceGroupId") REFERENCES "Group" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HazardEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hazardId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" INTEGER,
    "at" DATETIME NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "HazardEvent_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "HazardEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    CONSTRAINT "Attachment_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "HazardEvent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessedMessage" (
    "platform" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("platform", "messageId")
);

-- CreateTable
CREATE TABLE "PendingDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "groupId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "command" TEXT NOT NULL,
    "fields" TEXT NOT NULL,
    "missing" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupeKey" TEXT,
    "kind" TEXT NOT NULL,
    "groupId" INTEGER,
    "personId" INTEGER,
    "text" TEXT NOT NULL,
    "mentions" TEXT NOT NULL DEFAULT '[]',
    "extra" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "JobRun" (
    "job" TEXT NOT NULL PRIMARY KEY,
    "lastRunAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Reinspection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hazardId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "dueOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "note" TEXT,
    CONSTRAINT "Reinspection_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CreditListEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "list" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decisionNo" TEXT,
    "authority" TEXT,
    "decidedOn" TEXT,
    "expiresOn" TEXT,
    "removedOn" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "evidence" TEXT NOT NULL DEFAULT '[]',
    "ruleKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CreditListEntry_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE INDEX "Unit_supervisorId_idx" ON "Unit"("supervisorId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_wecomId_key" ON "Person"("wecomId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_dingtalkId_key" ON "Person"("dingtalkId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_wechatId_key" ON "Person"("wechatId");

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Person_name_unitId_key" ON "Person"("name", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Group_name_key" ON "Group"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Group_wecomId_key" ON "Group"("wecomId");

-- CreateIndex
CREATE UNIQUE INDEX "Group_dingtalkId_key" ON "Group"("dingtalkId");

-- CreateIndex
CREATE UNIQUE INDEX "Group_wechatId_key" ON "Group"("wechatId");

-- CreateIndex
CREATE UNIQUE INDEX "Hazard_code_key" ON "Hazard"("code");

-- CreateIndex
CREATE INDEX "Hazard_status_deadline_idx" ON "Hazard"("status", "deadline");

-- CreateIndex
CREATE INDEX "Hazard_unitId_status_idx" ON "Hazard"("unitId", "status");

-- CreateIndex
CREATE INDEX "Hazard_ownerId_status_idx" ON "Hazard"("ownerId", "status");

-- CreateIndex
CREATE INDEX "Hazard_closedOn_idx" ON "Hazard"("closedOn");

-- CreateIndex
CREATE INDEX "Hazard_createdAt_idx" ON "Hazard"("createdAt");

-- CreateIndex
CREATE INDEX "HazardEvent_hazardId_at_idx" ON "HazardEvent"("hazardId", "at");

-- CreateIndex
CREATE INDEX "HazardEvent_type_at_idx" ON "HazardEvent"("type", "at");

-- CreateIndex
CREATE INDEX "Attachment_eventId_idx" ON "Attachment"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "PendingDraft_groupId_personId_key" ON "PendingDraft"("groupId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Reinspection_status_dueOn_idx" ON "Reinspection"("status", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "Reinspection_hazardId_round_key" ON "Reinspection"("hazardId", "round");

-- CreateIndex
CREATE INDEX "CreditListEntry_unitId_list_idx" ON "CreditListEntry"("unitId", "list");
