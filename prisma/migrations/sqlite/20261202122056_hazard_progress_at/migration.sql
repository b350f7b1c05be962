-- AlterTable
ALTER TABLE "Hazard" ADD COLUMN "progressAt" DATETIME;
