-- CreateTable
CREATE TABLE "EvidenceContent" (
    "sha256" TEXT NOT NULL PRIMARY KEY,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    "firstSeenAt" DATETIME NOT NULL
);
