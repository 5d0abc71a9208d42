-- CreateTable
CREATE TABLE "PracticeSubmission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "status" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedAt" DATETIME,
    "reviewerId" TEXT,
    "reviewerName" TEXT,
    "criteriaMet" TEXT,
    "comment" TEXT,
    CONSTRAINT "PracticeSubmission_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PracticeSubmission_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LessonFeedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT,
    "courseSlug" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "rating" INTEGER,
    "comment" TEXT,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "reply" TEXT,
    "repliedAt" DATETIME,
    "repliedById" TEXT,
    "repliedByName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LessonFeedback_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CourseConfidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "moment" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CourseConfidence_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServiceStory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "authorId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "behaviour" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "highlightedAt" DATETIME,
    "highlightedById" TEXT,
    "hiddenAt" DATETIME,
    "hiddenById" TEXT,
    "hiddenReason" TEXT,
    CONSTRAINT "ServiceStory_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ServiceStory_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PracticeSubmission_personId_courseSlug_lessonSlug_idx" ON "PracticeSubmission"("personId", "courseSlug", "lessonSlug");

-- CreateIndex
CREATE INDEX "PracticeSubmission_status_idx" ON "PracticeSubmission"("status");

-- CreateIndex
CREATE INDEX "LessonFeedback_courseSlug_lessonSlug_idx" ON "LessonFeedback"("courseSlug", "lessonSlug");

-- CreateIndex
CREATE INDEX "LessonFeedback_personId_idx" ON "LessonFeedback"("personId");

-- CreateIndex
CREATE INDEX "CourseConfidence_courseSlug_idx" ON "CourseConfidence"("courseSlug");

-- CreateIndex
CREATE UNIQUE INDEX "CourseConfidence_personId_courseSlug_moment_key" ON "CourseConfidence"("personId", "courseSlug", "moment");

-- CreateIndex
CREATE INDEX "ServiceStory_subjectId_idx" ON "ServiceStory"("subjectId");

-- CreateIndex
CREATE INDEX "ServiceStory_createdAt_idx" ON "ServiceStory"("createdAt");

