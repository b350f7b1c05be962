-- CreateTable
CREATE TABLE "LeaderCharge" (
    "id" SERIAL NOT NULL,
    "departmentId" INTEGER,
    "sector" TEXT,
    "inChargeId" INTEGER,
    "mainId" INTEGER,
    "position" INTEGER NOT NULL,

    CONSTRAINT "LeaderCharge_pkey" PRIMARY KEY ("id")
);
