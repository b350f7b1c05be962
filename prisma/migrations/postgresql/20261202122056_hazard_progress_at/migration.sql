-- AlterTable
ALTER TABLE "Hazard" ADD COLUMN     "progressAt" TIMESTAMP(3);
