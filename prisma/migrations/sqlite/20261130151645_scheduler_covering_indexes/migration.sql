-- DropIndex
DROP INDEX "Hazard_unitId_status_idx";

-- DropIndex
DROP INDEX "Hazard_status_deadline_idx";

-- CreateIndex
CREATE INDEX "Hazard_status_deadline_unitId_level_category_idx" ON "Hazard"("status", "deadline", "unitId", "level", "category");

-- CreateIndex
CREATE INDEX "Hazard_unitId_status_deadline_level_category_idx" ON "Hazard"("unitId", "status", "deadline", "level", "category");
