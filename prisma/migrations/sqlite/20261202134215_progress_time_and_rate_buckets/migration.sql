-- AlterTable
ALTER TABLE "Hazard" ADD COLUMN "progressAt" DATETIME;

-- CreateTable
CREATE TABLE "RateBucket" (
    "target" TEXT NOT NULL PRIMARY KEY,
    "tokens" REAL NOT NULL,
    "at" DATETIME NOT NULL,
    "pausedUntil" DATETIME,
    "strikes" INTEGER NOT NULL DEFAULT 0
);
