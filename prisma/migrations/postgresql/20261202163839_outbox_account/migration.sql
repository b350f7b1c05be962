-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "accountId" TEXT,
ADD COLUMN     "accountPlatform" TEXT;
