import { describe, expect, it } from "vitest";
import { chooseNextStep } from "./next-step";

const NOW = new Date("2026-11-24T10:00:00.000Z");
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

type Row = Parameters<typeof chooseNextStep>[0]["curricula"][number]["courses"][number];

function course(slug: string, over: Partial<Row> = {}): Row {
  return {
    slug,
    title: slug.toUpperCase(),
    state: "not_started",
    nextLesson: `${slug}-lesson-1`,
    minutesLeft: 30,
    outOfAttempts: [],
    required: true,
    dueDate: null,
    waived: false,
    locked: false,
    ...over,
  };
}

const step = (curricula: Row[][], others: Row[] = []) => {
  const assigned = curricula.flat();
  return chooseNextStep({ curricula: curricula.map((courses) => ({ courses })), courses: [...assigned, ...others] }, NOW);
};
const nextSlug = (s: ReturnType<typeof chooseNextStep>) => (s.kind === "continue" ? `${s.course.slug}/${s.lessonSlug}` : s.kind);

describe("the next step on My learning", () => {
  it("is an overdue course before one due sooner, whatever the curriculum order", () => {
    const s = step([
      [course("a", { dueDate: day("2026-11-26") }), course("b", { dueDate: day("2026-11-20"), nextLesson: "b-lesson-3", state: "in_progress" })],
    ]);
    expect(nextSlug(s)).toBe("b/b-lesson-3");
  });

  it("is the nearest due date among courses on time, across curricula", () => {
    const s = step([[course("a", { dueDate: day("2026-12-10") })], [course("b", { dueDate: day("2026-12-01") }), course("c")]]);
    expect(nextSlug(s)).toBe("b/b-lesson-1");
  });

  it("follows curriculum order among courses due the same day or with no due date", () => {
    expect(nextSlug(step([[course("a"), course("b")], [course("c")]]))).toBe("a/a-lesson-1");
    expect(nextSlug(step([[course("a", { dueDate: day("2026-12-01") }), course("b", { dueDate: day("2026-12-01") })]]))).toBe("a/a-lesson-1");
    // A dated course goes before an undated one.
    expect(nextSlug(step([[course("a"), course("b", { dueDate: day("2027-06-01") })]]))).toBe("b/b-lesson-1");
  });

  it("is overdue from the day after its due day, never on the due day itself", () => {
    const curricula = [{ courses: [course("a", { dueDate: day("2026-11-24") })] }];
    const on = (iso: string) => chooseNextStep({ curricula, courses: [] }, new Date(iso));
    expect(on("2026-11-24T23:59:00.000Z")).toMatchObject({ kind: "continue", overdue: false });
    expect(on("2026-11-25T00:01:00.000Z")).toMatchObject({ kind: "continue", overdue: true });
  });

  it("skips optional, completed, waived, locked and out-of-attempts courses", () => {
    const s = step([
      [
        course("optional", { required: false, dueDate: day("2026-11-01") }),
        course("done", { state: "completed", nextLesson: null, dueDate: day("2026-11-01") }),
        course("waived", { waived: true, dueDate: day("2026-11-01") }),
        course("locked", { locked: true, dueDate: day("2026-11-01") }),
        course("stuck", { outOfAttempts: ["Quiz 2"], state: "in_progress", dueDate: day("2026-11-01") }),
        course("open", { dueDate: day("2026-12-30") }),
      ],
    ]);
    expect(nextSlug(s)).toBe("open/open-lesson-1");
  });

  it("says a required course is stuck when it is the only one left and out of attempts", () => {
    const s = step([[course("stuck", { outOfAttempts: ["Quiz 2"], state: "in_progress" }), course("after", { locked: true })]]);
    expect(s.kind).toBe("stuck");
    expect(s.kind === "stuck" && s.course.slug).toBe("stuck");
  });

  it("is done when every required course is done, even with optional courses left", () => {
    const s = step([[course("a", { state: "completed", nextLesson: null }), course("opt", { required: false })]], [course("other")]);
    expect(s.kind).toBe("done");
  });

  it("without a curriculum, is the course already begun, else the first not started", () => {
    const others = [course("x", { required: false }), course("y", { required: false, state: "in_progress", nextLesson: "y-2" })];
    expect(nextSlug(step([], others))).toBe("y/y-2");
    expect(nextSlug(step([], [course("x", { required: false }), course("z", { required: false })]))).toBe("x/x-lesson-1");
    expect(step([], [course("x", { state: "completed", nextLesson: null })]).kind).toBe("done");
  });
});
