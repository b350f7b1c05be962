-- CreateTable
CREATE TABLE "OutboxFile" (
    "outboxId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "size" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    CONSTRAINT "OutboxFile_outboxId_fkey" FOREIGN KEY ("outboxId") REFERENCES "OutboxMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
