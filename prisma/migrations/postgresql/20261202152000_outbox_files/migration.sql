-- CreateTable
CREATE TABLE "OutboxFile" (
    "outboxId" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "OutboxFile_pkey" PRIMARY KEY ("outboxId")
);

-- AddForeignKey
ALTER TABLE "OutboxFile" ADD CONSTRAINT "OutboxFile_outboxId_fkey" FOREIGN KEY ("outboxId") REFERENCES "OutboxMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
