-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "accountId" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "accountPlatform" TEXT;
