-- CreateTable
CREATE TABLE "EvidenceContent" (
    "sha256" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvidenceContent_pkey" PRIMARY KEY ("sha256")
);
