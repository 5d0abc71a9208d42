-- AlterTable
ALTER TABLE "Person" ADD COLUMN "signedInAt" DATETIME;

-- CreateTable
CREATE TABLE "ReadinessSummary" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "urgency" INTEGER NOT NULL,
    "reasons" TEXT NOT NULL,
    "since" DATETIME,
    "readyAt" DATETIME,
    "lastActivity" DATETIME,
    "overdueCount" INTEGER NOT NULL DEFAULT 0,
    "recentQuizzes" TEXT NOT NULL DEFAULT '[]',
    "practice" TEXT NOT NULL DEFAULT '',
    "inScope" BOOLEAN NOT NULL,
    "name" TEXT NOT NULL,
    "department" TEXT,
    "startDate" DATETIME,
    "cohort" TEXT,
    "managerId" TEXT,
    "active" BOOLEAN NOT NULL,
    "signedIn" BOOLEAN NOT NULL,
    "nextChangeAt" DATETIME,
    "staleSince" DATETIME,
    "staleCause" TEXT,
    "catalogKey" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,
    CONSTRAINT "ReadinessSummary_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReadinessCurriculum" (
    "personId" TEXT NOT NULL,
    "curriculumId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "requiredDone" INTEGER NOT NULL,
    "requiredWaived" INTEGER NOT NULL,
    "requiredTotal" INTEGER NOT NULL,

    PRIMARY KEY ("personId", "curriculumId"),
    CONSTRAINT "ReadinessCurriculum_personId_fkey" FOREIGN KEY ("personId") REFERENCES "ReadinessSummary" ("personId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReadinessCourse" (
    "personId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("personId", "courseSlug"),
    CONSTRAINT "ReadinessCourse_personId_fkey" FOREIGN KEY ("personId") REFERENCES "ReadinessSummary" ("personId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReadinessEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "cause" TEXT NOT NULL,
    CONSTRAINT "ReadinessEvent_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Curriculum" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "inOrder" BOOLEAN NOT NULL DEFAULT false,
    "dueDays" INTEGER,
    "dueDate" DATETIME,
    "graceDays" INTEGER NOT NULL DEFAULT 3,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Curriculum" ("archivedAt", "createdAt", "description", "dueDate", "dueDays", "id", "inOrder", "name", "updatedAt") SELECT "archivedAt", "createdAt", "description", "dueDate", "dueDays", "id", "inOrder", "name", "updatedAt" FROM "Curriculum";
DROP TABLE "Curriculum";
ALTER TABLE "new_Curriculum" RENAME TO "Curriculum";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex

-- CreateIndex

-- CreateIndex

-- CreateIndex
CREATE INDEX "ReadinessCurriculum_curriculumId_idx" ON "ReadinessCurriculum"("curriculumId");

-- CreateIndex
CREATE INDEX "ReadinessEvent_personId_at_idx" ON "ReadinessEvent"("personId", "at");

-- CreateIndex
CREATE INDEX "ReadinessEvent_at_idx" ON "ReadinessEvent"("at");


-- Backfill: anyone with a session has used their account.
UPDATE "Person" SET "signedInAt" = (SELECT MAX("createdAt") FROM "Session" WHERE "Session"."personId" = "Person"."id");

-- CreateIndex
CREATE INDEX "ReadinessSummary_inScope_active_urgency_name_idx" ON "ReadinessSummary"("inScope", "active", "urgency", "name");
CREATE INDEX "ReadinessSummary_department_idx" ON "ReadinessSummary"("department");
CREATE INDEX "ReadinessSummary_cohort_idx" ON "ReadinessSummary"("cohort");
CREATE INDEX "ReadinessSummary_managerId_idx" ON "ReadinessSummary"("managerId");
CREATE INDEX "ReadinessSummary_nextChangeAt_idx" ON "ReadinessSummary"("nextChangeAt");
CREATE INDEX "ReadinessSummary_staleSince_idx" ON "ReadinessSummary"("staleSince");
