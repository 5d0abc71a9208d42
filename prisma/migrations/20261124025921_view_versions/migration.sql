-- Learner views cached per person (docs/decisions/014): every write to a row a learner page shows bumps the
-- person's viewVersion, and every write to something all learner pages may show bumps ViewGeneration, inside the
-- writing transaction itself, whichever code (or process) wrote it.
CREATE TABLE "ViewGeneration" (
    "id" INTEGER NOT NULL PRIMARY KEY DEFAULT 1,
    "value" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "ViewGeneration" ("id", "value") VALUES (1, 0);

ALTER TABLE "Person" ADD COLUMN "viewVersion" INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER "LessonProgress_view_insert" AFTER INSERT ON "LessonProgress" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "LessonProgress_view_update" AFTER UPDATE ON "LessonProgress" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "LessonProgress_view_delete" AFTER DELETE ON "LessonProgress" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
CREATE TRIGGER "QuizAttempt_view_insert" AFTER INSERT ON "QuizAttempt" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "QuizAttempt_view_update" AFTER UPDATE ON "QuizAttempt" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "QuizAttempt_view_delete" AFTER DELETE ON "QuizAttempt" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
CREATE TRIGGER "Override_view_insert" AFTER INSERT ON "Override" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "Override_view_update" AFTER UPDATE ON "Override" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "Override_view_delete" AFTER DELETE ON "Override" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
CREATE TRIGGER "LessonInteraction_view_insert" AFTER INSERT ON "LessonInteraction" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "LessonInteraction_view_update" AFTER UPDATE ON "LessonInteraction" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "LessonInteraction_view_delete" AFTER DELETE ON "LessonInteraction" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
CREATE TRIGGER "ReflectionNote_view_insert" AFTER INSERT ON "ReflectionNote" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "ReflectionNote_view_update" AFTER UPDATE ON "ReflectionNote" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "ReflectionNote_view_delete" AFTER DELETE ON "ReflectionNote" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
CREATE TRIGGER "Assignment_view_insert" AFTER INSERT ON "Assignment" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "Assignment_view_update" AFTER UPDATE ON "Assignment" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "Assignment_view_delete" AFTER DELETE ON "Assignment" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
CREATE TRIGGER "PracticeSubmission_view_insert" AFTER INSERT ON "PracticeSubmission" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "PracticeSubmission_view_update" AFTER UPDATE ON "PracticeSubmission" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "PracticeSubmission_view_delete" AFTER DELETE ON "PracticeSubmission" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
CREATE TRIGGER "LessonFeedback_view_insert" AFTER INSERT ON "LessonFeedback" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "LessonFeedback_view_update" AFTER UPDATE ON "LessonFeedback" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "LessonFeedback_view_delete" AFTER DELETE ON "LessonFeedback" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
CREATE TRIGGER "CourseConfidence_view_insert" AFTER INSERT ON "CourseConfidence" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "CourseConfidence_view_update" AFTER UPDATE ON "CourseConfidence" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "CourseConfidence_view_delete" AFTER DELETE ON "CourseConfidence" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
CREATE TRIGGER "Notification_view_insert" AFTER INSERT ON "Notification" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."personId"); END;
CREATE TRIGGER "Notification_view_update" AFTER UPDATE ON "Notification" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId", NEW."personId"); END;
CREATE TRIGGER "Notification_view_delete" AFTER DELETE ON "Notification" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."personId"); END;
CREATE TRIGGER "Curriculum_view_insert" AFTER INSERT ON "Curriculum" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Curriculum_view_update" AFTER UPDATE ON "Curriculum" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Curriculum_view_delete" AFTER DELETE ON "Curriculum" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "CurriculumCourse_view_insert" AFTER INSERT ON "CurriculumCourse" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "CurriculumCourse_view_update" AFTER UPDATE ON "CurriculumCourse" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "CurriculumCourse_view_delete" AFTER DELETE ON "CurriculumCourse" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "AssignmentRule_view_insert" AFTER INSERT ON "AssignmentRule" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "AssignmentRule_view_update" AFTER UPDATE ON "AssignmentRule" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "AssignmentRule_view_delete" AFTER DELETE ON "AssignmentRule" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
-- A person's name shows on other people's pages (a reviewer, a manager); their own role, start date and manager are read with the session.
CREATE TRIGGER "Person_view_name" AFTER UPDATE OF "name" ON "Person" WHEN OLD."name" IS NOT NEW."name" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
-- Stories about a person show on their My learning page.
CREATE TRIGGER "ServiceStory_view_insert" AFTER INSERT ON "ServiceStory" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (NEW."subjectId"); END;
CREATE TRIGGER "ServiceStory_view_update" AFTER UPDATE ON "ServiceStory" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."subjectId", NEW."subjectId"); END;
CREATE TRIGGER "ServiceStory_view_delete" AFTER DELETE ON "ServiceStory" BEGIN UPDATE "Person" SET "viewVersion" = "viewVersion" + 1 WHERE "id" IN (OLD."subjectId"); END;
-- Answered anonymous feedback shows on the course page to everyone who has started the course.
CREATE TRIGGER "LessonFeedback_view_anonymous_update" AFTER UPDATE ON "LessonFeedback" WHEN OLD."anonymous" OR NEW."anonymous" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "LessonFeedback_view_anonymous_delete" AFTER DELETE ON "LessonFeedback" WHEN OLD."anonymous" BEGIN UPDATE "ViewGeneration" SET "value" = "value" + 1 WHERE "id" = 1; END;
