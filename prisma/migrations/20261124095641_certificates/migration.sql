-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "curriculumId" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "curriculumName" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "validUntil" DATETIME,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "revokedById" TEXT,
    CONSTRAINT "Certificate_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Certificate_curriculumId_fkey" FOREIGN KEY ("curriculumId") REFERENCES "Curriculum" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");

-- CreateIndex
CREATE INDEX "Certificate_personId_curriculumId_idx" ON "Certificate"("personId", "curriculumId");

-- CreateIndex
CREATE INDEX "Certificate_curriculumId_idx" ON "Certificate"("curriculumId");


-- A learner's pages show their certificates (docs/decisions/014).
CREATE TRIGGER "Certificate_view_insert" AFTER INSERT ON "Certificate" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "Certificate_view_update" AFTER UPDATE ON "Certificate" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "Certificate_view_delete" AFTER DELETE ON "Certificate" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
