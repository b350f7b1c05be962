-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "wechatKey" TEXT;

-- CreateTable
CREATE TABLE "BindingEvent" (
    "id" SERIAL NOT NULL,
    "subject" TEXT NOT NULL,
    "personId" INTEGER,
    "groupId" INTEGER,
    "platform" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "actorId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "BindingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentityClaim" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "issuedById" INTEGER NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "IdentityClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimAttempt" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,

    CONSTRAINT "ClaimAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingBinding" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "senderName" TEXT NOT NULL,
    "groupId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingBinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BindingEvent_personId_platform_id_idx" ON "BindingEvent"("personId", "platform", "id");

-- CreateIndex
CREATE INDEX "BindingEvent_groupId_id_idx" ON "BindingEvent"("groupId", "id");

-- CreateIndex
CREATE INDEX "IdentityClaim_code_idx" ON "IdentityClaim"("code");

-- CreateIndex
CREATE INDEX "IdentityClaim_personId_idx" ON "IdentityClaim"("personId");

-- CreateIndex
CREATE INDEX "ClaimAttempt_platform_senderId_at_idx" ON "ClaimAttempt"("platform", "senderId", "at");

-- CreateIndex
CREATE INDEX "ClaimAttempt_at_idx" ON "ClaimAttempt"("at");

-- CreateIndex
CREATE UNIQUE INDEX "PendingBinding_personId_platform_platformId_key" ON "PendingBinding"("personId", "platform", "platformId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_wechatKey_key" ON "Person"("wechatKey");
