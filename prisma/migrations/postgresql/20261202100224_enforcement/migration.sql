-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "governmentProject" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "projectOwnerId" INTEGER;

-- CreateTable
CREATE TABLE "EnforcementAction" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "hazardIds" TEXT NOT NULL DEFAULT '[]',
    "decisionNo" TEXT,
    "deadline" TEXT,
    "amountYuan" INTEGER,
    "fromDate" TEXT,
    "untilDate" TEXT,
    "transferTo" TEXT,
    "liftsId" INTEGER,
    "correctsId" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "actorId" INTEGER NOT NULL,
    "groupId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EnforcementAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnforcementAttachment" (
    "id" SERIAL NOT NULL,
    "actionId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "path" TEXT NOT NULL,

    CONSTRAINT "EnforcementAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EnforcementAction_code_key" ON "EnforcementAction"("code");

-- CreateIndex
CREATE INDEX "EnforcementAction_unitId_at_idx" ON "EnforcementAction"("unitId", "at");

-- CreateIndex
CREATE INDEX "EnforcementAction_kind_at_idx" ON "EnforcementAction"("kind", "at");

-- CreateIndex
CREATE INDEX "EnforcementAction_actorId_at_idx" ON "EnforcementAction"("actorId", "at");

-- CreateIndex
CREATE INDEX "EnforcementAttachment_actionId_idx" ON "EnforcementAttachment"("actionId");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_projectOwnerId_fkey" FOREIGN KEY ("projectOwnerId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnforcementAction" ADD CONSTRAINT "EnforcementAction_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnforcementAction" ADD CONSTRAINT "EnforcementAction_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnforcementAttachment" ADD CONSTRAINT "EnforcementAttachment_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "EnforcementAction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
