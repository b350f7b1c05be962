-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "claimedUntil" DATETIME;

-- CreateTable
CREATE TABLE "ScheduledRun" (
    "job" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "ranAt" DATETIME NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "instance" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("job", "dueAt")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "acquiredAt" DATETIME NOT NULL,
    "renewedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}'
);
