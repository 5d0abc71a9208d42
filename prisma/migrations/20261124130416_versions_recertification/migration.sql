-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN "renewalOpenedAt" DATETIME;

-- CreateTable
CREATE TABLE "CourseVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseSlug" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "lessons" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "reopenedLessons" INTEGER NOT NULL DEFAULT 0,
    "reopenedPeople" INTEGER NOT NULL DEFAULT 0,
    "appliedAt" DATETIME NOT NULL,
    "appliedById" TEXT,
    "appliedByName" TEXT
);

-- CreateTable
CREATE TABLE "LessonReopening" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "courseVersionId" TEXT,
    "certificateId" TEXT,
    "previousCompletedAt" DATETIME,
    "previousVersion" TEXT NOT NULL,
    "attemptsBefore" INTEGER NOT NULL DEFAULT 0,
    "changedOn" DATETIME NOT NULL,
    "reopenedAt" DATETIME NOT NULL,
    "dueDate" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    CONSTRAINT "LessonReopening_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LessonReopening_courseVersionId_fkey" FOREIGN KEY ("courseVersionId") REFERENCES "CourseVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LessonReopening_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable (added in place: redefining these tables would drop their view triggers)
ALTER TABLE "Curriculum" ADD COLUMN "validityMonths" INTEGER;
ALTER TABLE "Curriculum" ADD COLUMN "renewalNoticeDays" INTEGER NOT NULL DEFAULT 30;
ALTER TABLE "CurriculumCourse" ADD COLUMN "renew" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "CourseVersion_courseSlug_appliedAt_idx" ON "CourseVersion"("courseSlug", "appliedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CourseVersion_courseSlug_version_key" ON "CourseVersion"("courseSlug", "version");

-- CreateIndex
CREATE INDEX "LessonReopening_personId_resolvedAt_idx" ON "LessonReopening"("personId", "resolvedAt");

-- CreateIndex
CREATE INDEX "LessonReopening_courseSlug_lessonSlug_idx" ON "LessonReopening"("courseSlug", "lessonSlug");

-- CreateIndex
CREATE INDEX "LessonReopening_certificateId_idx" ON "LessonReopening"("certificateId");



-- A learner's pages show re-opened lessons and their due dates (docs/decisions/014).
CREATE TRIGGER "LessonReopening_view_insert" AFTER INSERT ON "LessonReopening" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "LessonReopening_view_update" AFTER UPDATE ON "LessonReopening" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "LessonReopening_view_delete" AFTER DELETE ON "LessonReopening" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
