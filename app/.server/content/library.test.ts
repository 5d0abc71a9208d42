import { describe, expect, it } from "vitest";
import { completersByCourse, holdersByCourse, lessonKind, matchesSearch, versionCounts } from "./library";

describe("a lesson's kind", () => {
  it("is quiz, practice, scenario or reading, in that order of precedence", () => {
    const reading = { completion: "view" as const, quiz: null, practice: null, scenarios: [] };
    expect(lessonKind(reading)).toBe("reading");
    expect(lessonKind({ ...reading, scenarios: [3] })).toBe("scenario");
    expect(lessonKind({ ...reading, completion: "signoff", scenarios: [3] })).toBe("practice");
    expect(lessonKind({ ...reading, completion: "quiz", scenarios: [3] })).toBe("quiz");
  });
});

describe("searching by title", () => {
  it("matches every word, ignoring case; an empty search matches all", () => {
    expect(matchesSearch("Internal customer service", "  CUSTOMER  ")).toBe(true);
    expect(matchesSearch("Internal customer service", "service internal")).toBe(true);
    expect(matchesSearch("Internal customer service", "service culture")).toBe(false);
    expect(matchesSearch("Anything", "")).toBe(true);
  });
});

describe("people holding a course", () => {
  it("counts each person once however many curricula give them the course", () => {
    const links = [
      { curriculumId: "c1", courseSlug: "a" },
      { curriculumId: "c2", courseSlug: "a" },
      { curriculumId: "c2", courseSlug: "b" },
      { curriculumId: "c3", courseSlug: "c" },
    ];
    const assignments = [
      { curriculumId: "c1", personId: "p1" },
      { curriculumId: "c2", personId: "p1" },
      { curriculumId: "c2", personId: "p2" },
    ];
    const holders = holdersByCourse(links, assignments);
    expect(Object.fromEntries(holders)).toEqual({ a: 2, b: 2, c: 0 });
  });
});

describe("people who completed a course", () => {
  it("counts only those with every current lesson complete", () => {
    const courses = [
      { slug: "a", lessons: [{ slug: "1" }, { slug: "2" }] },
      { slug: "empty", lessons: [] },
    ];
    const rows = [
      { courseSlug: "a", personId: "p1", completed: 2 },
      { courseSlug: "a", personId: "p2", completed: 1 },
      { courseSlug: "a", personId: "p3", completed: 2 },
      { courseSlug: "gone", personId: "p1", completed: 5 },
      { courseSlug: "empty", personId: "p1", completed: 0 },
    ];
    expect(Object.fromEntries(completersByCourse(rows, courses))).toEqual({ a: 2 });
  });
});

describe("versions completed", () => {
  it("lists the current version first, even unused, then others by people", () => {
    const rows = [
      { courseVersion: "old1", personId: "p1", lessons: 3 },
      { courseVersion: "old2", personId: "p1", lessons: 1 },
      { courseVersion: "old2", personId: "p2", lessons: 2 },
    ];
    expect(versionCounts(rows, "now")).toEqual([
      { version: "now", current: true, people: 0, lessonCompletions: 0 },
      { version: "old2", current: false, people: 2, lessonCompletions: 3 },
      { version: "old1", current: false, people: 1, lessonCompletions: 3 },
    ]);
  });
});
