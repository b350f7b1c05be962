-- AlterTable
ALTER TABLE "Hazard" ADD COLUMN     "progressAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RateBucket" (
    "target" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "pausedUntil" TIMESTAMP(3),
    "strikes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateBucket_pkey" PRIMARY KEY ("target")
);
