-- Attempts made before this migration keep their scores; their start is their submission (they had no
-- separate start), and they have no stored set or results (shown as "details not kept").
-- CreateTable
CREATE TABLE "Override" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lessonSlug" TEXT,
    "extraAttempts" INTEGER,
    "dueDate" DATETIME,
    "reason" TEXT NOT NULL,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Override_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Override_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LessonInteraction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LessonInteraction_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_QuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "courseVersion" TEXT NOT NULL,
    "attemptNumber" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" DATETIME,
    "items" TEXT NOT NULL DEFAULT '[]',
    "answers" TEXT,
    "results" TEXT,
    "correctCount" INTEGER NOT NULL DEFAULT 0,
    "questionCount" INTEGER NOT NULL DEFAULT 0,
    "score" INTEGER NOT NULL DEFAULT 0,
    "passed" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "QuizAttempt_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_QuizAttempt" ("answers", "attemptNumber", "correctCount", "courseSlug", "courseVersion", "id", "lessonSlug", "passed", "personId", "questionCount", "score", "submittedAt", "startedAt") SELECT "answers", "attemptNumber", "correctCount", "courseSlug", "courseVersion", "id", "lessonSlug", "passed", "personId", "questionCount", "score", "submittedAt", "submittedAt" FROM "QuizAttempt";
DROP TABLE "QuizAttempt";
ALTER TABLE "new_QuizAttempt" RENAME TO "QuizAttempt";
CREATE INDEX "QuizAttempt_courseSlug_lessonSlug_idx" ON "QuizAttempt"("courseSlug", "lessonSlug");
CREATE UNIQUE INDEX "QuizAttempt_personId_courseSlug_lessonSlug_attemptNumber_key" ON "QuizAttempt"("personId", "courseSlug", "lessonSlug", "attemptNumber");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Override_personId_idx" ON "Override"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "LessonInteraction_personId_courseSlug_lessonSlug_kind_key_key" ON "LessonInteraction"("personId", "courseSlug", "lessonSlug", "kind", "key");

