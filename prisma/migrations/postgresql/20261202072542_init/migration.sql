-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "supervisorId" INTEGER,
    "sector" TEXT,
    "blacklisted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "unitId" INTEGER,
    "role" TEXT NOT NULL,
    "wecomId" TEXT,
    "dingtalkId" TEXT,
    "wechatId" TEXT,
    "mobile" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "unitId" INTEGER,
    "purpose" TEXT NOT NULL DEFAULT 'unit',
    "wecomId" TEXT,
    "dingtalkId" TEXT,
    "wechatId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hazard" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedOn" TEXT,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Hazard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HazardEvent" (
    "id" SERIAL NOT NULL,
    "hazardId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" INTEGER,
    "groupId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "HazardEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "path" TEXT NOT NULL,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedMessage" (
    "platform" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedMessage_pkey" PRIMARY KEY ("platform","messageId")
);

-- CreateTable
CREATE TABLE "PendingDraft" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "command" TEXT NOT NULL,
    "fields" TEXT NOT NULL,
    "missing" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "dedupeKey" TEXT,
    "kind" TEXT NOT NULL,
    "groupId" INTEGER,
    "personId" INTEGER,
    "text" TEXT NOT NULL,
    "mentions" TEXT NOT NULL DEFAULT '[]',
    "extra" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "job" TEXT NOT NULL,
    "lastRunAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("job")
);

-- CreateTable
CREATE TABLE "Reinspection" (
    "id" SERIAL NOT NULL,
    "hazardId" INTEGER NOT NULL,
    "closedOn" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "dueOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "note" TEXT,

    CONSTRAINT "Reinspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditListEntry" (
    "id" SERIAL NOT NULL,
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
    "enteredById" INTEGER,
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CreditListEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
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
CREATE INDEX "Hazard_status_deadline_unitId_level_category_idx" ON "Hazard"("status", "deadline", "unitId", "level", "category");

-- CreateIndex
CREATE INDEX "Hazard_unitId_status_deadline_level_category_idx" ON "Hazard"("unitId", "status", "deadline", "level", "category");

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
CREATE INDEX "HazardEvent_actorId_at_idx" ON "HazardEvent"("actorId", "at");

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
CREATE UNIQUE INDEX "Reinspection_hazardId_closedOn_round_key" ON "Reinspection"("hazardId", "closedOn", "round");

-- CreateIndex
CREATE INDEX "CreditListEntry_unitId_list_idx" ON "CreditListEntry"("unitId", "list");

-- CreateIndex
CREATE UNIQUE INDEX "CreditListEntry_unitId_ruleKey_key" ON "CreditListEntry"("unitId", "ruleKey");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_supervisorId_fkey" FOREIGN KEY ("supervisorId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hazard" ADD CONSTRAINT "Hazard_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hazard" ADD CONSTRAINT "Hazard_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hazard" ADD CONSTRAINT "Hazard_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hazard" ADD CONSTRAINT "Hazard_sourceGroupId_fkey" FOREIGN KEY ("sourceGroupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HazardEvent" ADD CONSTRAINT "HazardEvent_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HazardEvent" ADD CONSTRAINT "HazardEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "HazardEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reinspection" ADD CONSTRAINT "Reinspection_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditListEntry" ADD CONSTRAINT "CreditListEntry_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
