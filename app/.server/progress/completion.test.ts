import { describe, expect, it } from "vitest";
import type { CatalogCourse } from "../content/schema";
import { courseProgress } from "./completion";
import { testCourse } from "../content/test-course";

const lesson = (slug: string, number: number, completion: "view" | "quiz" | "acknowledge", minutes = 5) => ({
  slug,
  number,
  completion,
  minutes,
  title: slug,
  objectives: ["x"],
  codeFile: "x.js",
  quizInBody: false,
  quiz: null,
});

const course: CatalogCourse = testCourse({
  slug: "c",
  title: "C",
  summary: "s",
  minutes: 15,
  version: "v1",
  lessons: [lesson("a", 1, "view"), lesson("b", 2, "quiz", 7), lesson("c", 3, "acknowledge", 3)],
});
const done = (slug: string, at = "2026-11-02") => ({ lessonSlug: slug, status: "COMPLETED", completedAt: new Date(at) });

describe("courseProgress", () => {
  it("is not started with no rows and resumes at the first lesson", () => {
    const p = courseProgress(course, []);
    expect(p).toMatchObject({ state: "not_started", completedCount: 0, total: 3, minutesLeft: 15, nextLesson: "a" });
  });

  it("is in progress when a quiz was attempted but not passed, and resumes at the first unfinished lesson", () => {
    const p = courseProgress(course, [done("a"), { lessonSlug: "b", status: "IN_PROGRESS", completedAt: null }]);
    expect(p.state).toBe("in_progress");
    expect(p.lessons.map((l) => l.status)).toEqual(["completed", "in_progress", "not_started"]);
    expect(p.nextLesson).toBe("b");
    expect(p.minutesLeft).toBe(10);
  });

  it("is completed only when every lesson is, dated by the last completion", () => {
    const p = courseProgress(course, [done("a", "2026-11-01"), done("b", "2026-11-05"), done("c", "2026-11-03")]);
    expect(p).toMatchObject({ state: "completed", nextLesson: null, minutesLeft: 0 });
    expect(p.completedAt?.toISOString().slice(0, 10)).toBe("2026-11-05");
  });

  it("ignores rows for lessons the course no longer has and counts new lessons as not done", () => {
    const p = courseProgress(course, [done("a"), done("b"), done("removed")]);
    expect(p).toMatchObject({ state: "in_progress", completedCount: 2, nextLesson: "c" });
  });
});
