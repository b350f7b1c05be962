-- CreateIndex
CREATE INDEX "Group_unitId_idx" ON "Group"("unitId");
