-- AlterTable
ALTER TABLE "Session" ADD COLUMN "ip" TEXT;
ALTER TABLE "Session" ADD COLUMN "lastSeenAt" DATETIME;
ALTER TABLE "Session" ADD COLUMN "userAgent" TEXT;

-- CreateTable
CREATE TABLE "TrustedDevice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastUsedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "TrustedDevice_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "subjectId" TEXT,
    "ip" TEXT,
    "details" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_AuditEvent" ("action", "actorEmail", "actorId", "at", "details", "id", "ip", "target") SELECT "action", "actorEmail", "actorId", "at", "details", "id", "ip", "target" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");
CREATE INDEX "AuditEvent_subjectId_at_idx" ON "AuditEvent"("subjectId", "at");
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");
CREATE TABLE "new_OrgSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "emailFromHour" INTEGER NOT NULL DEFAULT 8,
    "emailUntilHour" INTEGER NOT NULL DEFAULT 18,
    "emailWeekdaysOnly" BOOLEAN NOT NULL DEFAULT true,
    "escalationDays" INTEGER NOT NULL DEFAULT 3,
    "defaultsOff" TEXT NOT NULL DEFAULT '[]',
    "secret" TEXT NOT NULL,
    "auditRetentionDays" INTEGER NOT NULL DEFAULT 730,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_OrgSettings" ("defaultsOff", "emailFromHour", "emailUntilHour", "emailWeekdaysOnly", "escalationDays", "id", "secret", "timeZone", "updatedAt") SELECT "defaultsOff", "emailFromHour", "emailUntilHour", "emailWeekdaysOnly", "escalationDays", "id", "secret", "timeZone", "updatedAt" FROM "OrgSettings";
DROP TABLE "OrgSettings";
ALTER TABLE "new_OrgSettings" RENAME TO "OrgSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TrustedDevice_personId_idx" ON "TrustedDevice"("personId");

-- CreateIndex
CREATE INDEX "TrustedDevice_expiresAt_idx" ON "TrustedDevice"("expiresAt");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");


-- Earlier events named their person by e-mail only: link them by id where that e-mail still belongs to someone.
UPDATE "AuditEvent" SET "subjectId" = (SELECT "id" FROM "Person" WHERE "Person"."email" = "AuditEvent"."target") WHERE "subjectId" IS NULL;
