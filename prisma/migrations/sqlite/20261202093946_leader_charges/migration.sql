-- CreateTable
CREATE TABLE "LeaderCharge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "departmentId" INTEGER,
    "sector" TEXT,
    "inChargeId" INTEGER,
    "mainId" INTEGER,
    "position" INTEGER NOT NULL
);
