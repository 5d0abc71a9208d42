import { describe, expect, it } from "vitest";
import type { CatalogCourse } from "../content/schema";
import { noOverrides } from "../overrides/effective";
import { buildAssignedCurricula, courseLockFrom, type AssignmentPeriod, type CurriculumWithCourses } from "./assigned";
import { testCourse } from "../content/test-course";

const lesson = (slug: string) => ({
  slug,
  number: 1,
  title: slug,
  objectives: ["o"],
  minutes: 5,
  completion: "view" as const,
  codeFile: "x.js",
  quizInBody: false,
  quiz: null,
});
const course = (slug: string): CatalogCourse => testCourse({ slug, lessons: [lesson("one"), lesson("two")] });
const catalog = new Map(["a", "b", "c", "d"].map((s) => [s, course(s)]));
const day = (s: string) => new Date(`${s}T00:00:00.000Z`);
const iso = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
const done = (courseSlug: string) => ["one", "two"].map((lessonSlug) => ({ courseSlug, lessonSlug, status: "COMPLETED", completedAt: day("2026-12-02") }));

const cc = (courseSlug: string, position: number, o: Partial<CurriculumWithCourses["courses"][number]> = {}) => ({
  courseSlug,
  position,
  required: true,
  dueDays: null,
  dueDate: null,
  addedAt: day("2026-11-01"),
  requiredSince: day("2026-11-01"),
  renew: false,
  ...o,
});
const curriculum = (o: Partial<CurriculumWithCourses> = {}): CurriculumWithCourses => ({
  id: "cur1",
  name: "Front desk onboarding",
  description: "",
  inOrder: true,
  dueDays: 14,
  dueDate: null,
  graceDays: 3,
  validityMonths: null,
  renewalNoticeDays: 30,
  createdAt: day("2026-11-01"),
  courses: [cc("a", 1), cc("b", 2, { required: false, requiredSince: null }), cc("c", 3), cc("d", 4)],
  ...o,
});
const period = (o: Partial<AssignmentPeriod> = {}): AssignmentPeriod => ({
  curriculumId: "cur1",
  ruleId: null,
  rule: null,
  assignedAt: day("2026-11-20"),
  unassignedAt: null,
  ...o,
});

const build = (periods: AssignmentPeriod[], progress = [] as ReturnType<typeof done>, curricula = [curriculum()], today = day("2026-12-10")) =>
  buildAssignedCurricula({ periods, curricula: new Map(curricula.map((c) => [c.id, c])), startDate: day("2026-12-01"), progress, catalog, today });

describe("buildAssignedCurricula", () => {
  it("lists the courses in order with due dates from the start date and required flags", () => {
    const [c] = build([period()]);
    expect(c?.courses.map((x) => [x.slug, x.required, iso(x.dueDate)])).toEqual([
      ["a", true, "2026-12-15"],
      ["b", false, "2026-12-15"],
      ["c", true, "2026-12-15"],
      ["d", true, "2026-12-15"],
    ]);
  });

  it("in order: only the first unfinished required course and what comes before it are open", () => {
    const [c] = build([period()]);
    expect(c?.courses.map((x) => x.locked)).toEqual([false, true, true, true]);
    expect(c?.courses[2]?.waitingFor).toEqual({ slug: "a", title: "A" });
  });

  it("in order: an optional course never holds the next one back", () => {
    const [c] = build([period()], done("a"));
    expect(c?.courses.map((x) => x.locked)).toEqual([false, false, false, true]);
    expect(c?.courses[3]?.waitingFor).toEqual({ slug: "c", title: "C" });
  });

  it("locks nothing when the curriculum is not in order", () => {
    const [c] = build([period()], [], [curriculum({ inOrder: false })]);
    expect(c?.courses.every((x) => !x.locked)).toBe(true);
  });

  it("marks what is overdue and never what is complete", () => {
    const [c] = build([period()], done("a"), [curriculum()], day("2026-12-16"));
    expect(c?.courses.map((x) => [x.slug, x.overdue])).toEqual([
      ["a", false],
      ["b", true],
      ["c", true],
      ["d", true],
    ]);
  });

  it("leaves out unassigned curricula but keeps the first day across periods, so reassigning restores due dates", () => {
    expect(build([period({ unassignedAt: day("2026-11-25") })])).toEqual([]);
    const [c] = build([period({ assignedAt: day("2026-11-20"), unassignedAt: day("2026-11-25") }), period({ assignedAt: day("2026-12-20") })]);
    expect(c?.heldSince).toEqual(day("2026-11-20"));
    expect(iso(c?.courses[0]?.dueDate ?? null)).toBe("2026-12-15");
  });

  it("gives a course added while the person held the curriculum a due date from that day", () => {
    const added = curriculum({ courses: [cc("a", 1), cc("d", 2, { addedAt: day("2026-12-20"), requiredSince: day("2026-12-20") })] });
    const [c] = build([period()], [], [added]);
    expect(c?.courses.map((x) => iso(x.dueDate))).toEqual(["2026-12-15", "2027-01-03"]);
  });

  it("lets a waived required course open the next one and never be overdue, without calling it completed", () => {
    const overrides = noOverrides();
    overrides.waivers.set("a", { by: "Marcus Bell", at: day("2026-12-03"), reason: "Done elsewhere" });
    overrides.dueDates.set("c", { by: "Marcus Bell", at: day("2026-12-03"), reason: "Leave", date: day("2027-01-10") });
    const [c] = buildAssignedCurricula({
      periods: [period()],
      curricula: new Map([["cur1", curriculum()]]),
      startDate: day("2026-12-01"),
      progress: [],
      catalog,
      overrides,
      today: day("2026-12-16"),
    });
    expect(c?.courses.map((x) => [x.slug, x.waived, x.completed, x.overdue, x.locked, iso(x.dueDate)])).toEqual([
      ["a", true, false, false, false, "2026-12-15"],
      ["b", false, false, true, false, "2026-12-15"],
      ["c", false, false, false, false, "2027-01-10"],
      ["d", false, false, true, true, "2026-12-15"],
    ]);
  });

  it("lists why the person holds it and skips courses no longer in the library", () => {
    const withGone = curriculum({ courses: [cc("a", 1), cc("gone", 2)] });
    const [c] = build([period(), period({ ruleId: "r1", rule: { kind: "DEPARTMENT", value: "Front Desk" } })], [], [withGone]);
    expect(c?.sources).toEqual([{ kind: "direct" }, { kind: "rule", ruleId: "r1", label: "Department: Front Desk" }]);
    expect(c?.courses.map((x) => x.slug)).toEqual(["a"]);
  });
});

describe("courseLockFrom", () => {
  it("locks a course only when every curriculum that contains it locks it", () => {
    const inOrder = curriculum();
    const free = curriculum({ id: "cur2", name: "Free", inOrder: false, courses: [cc("c", 1)] });
    const periods = [period(), period({ curriculumId: "cur2" })];
    expect(courseLockFrom(build([period()], [], [inOrder]), "c")).toEqual({ slug: "a", title: "A" });
    expect(courseLockFrom(build(periods, [], [inOrder, free]), "c")).toBeNull();
    expect(courseLockFrom(build([period()], [], [inOrder]), "not-assigned")).toBeNull();
  });
});
