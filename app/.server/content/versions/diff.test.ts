import { describe, expect, it } from "vitest";
import type { CatalogLesson } from "../schema";
import { testCourse } from "../test-course";
import { diffCourse, KEY_CHANGED_NOTE, materialChanges, recordLessons, type RecordedLesson } from "./diff";

const lesson = (slug: string, fields: Partial<CatalogLesson> = {}): CatalogLesson => ({
  slug,
  title: `Lesson ${slug}`,
  number: 1,
  objectives: ["o"],
  minutes: 5,
  completion: "quiz",
  codeFile: `${slug}.js`,
  quizInBody: false,
  quiz: null,
  hash: `${slug}-h1`,
  keyHash: `${slug}-k1`,
  changes: [],
  ...fields,
});

const course = (...lessons: CatalogLesson[]) => testCourse({ slug: "c", lessons });
const recorded = (...lessons: CatalogLesson[]): RecordedLesson[] => recordLessons(course(...lessons));

describe("diffCourse", () => {
  it("records the first version as a baseline: nothing changed, nothing re-opens", () => {
    expect(diffCourse(null, course(lesson("a"), lesson("b")))).toEqual([]);
  });

  it("leaves unchanged lessons out", () => {
    const before = recorded(lesson("a"), lesson("b"));
    expect(diffCourse(before, course(lesson("a"), lesson("b")))).toEqual([]);
  });

  it("calls an edit to the quiz key material by default, and any other edit minor", () => {
    const before = recorded(lesson("a"), lesson("b"));
    const changes = diffCourse(before, course(lesson("a", { hash: "a-h2", keyHash: "a-k2" }), lesson("b", { hash: "b-h2" })));
    expect(changes).toEqual([
      { slug: "a", title: "Lesson a", kind: "changed", material: true, note: KEY_CHANGED_NOTE, changedOn: null },
      { slug: "b", title: "Lesson b", kind: "changed", material: false, note: "Edited (not marked material)", changedOn: null },
    ]);
    expect(materialChanges(changes).map((c) => c.slug)).toEqual(["a"]);
  });

  it("takes a declared material change with its note and date, even when the key is the same", () => {
    const before = recorded(lesson("a"));
    const declared = { on: "2026-12-03", material: true, note: "The hand-off now names the shift lead." };
    const [change] = diffCourse(before, course(lesson("a", { hash: "a-h2", changes: [declared] })));
    expect(change).toMatchObject({ kind: "changed", material: true, note: declared.note, changedOn: "2026-12-03" });
  });

  it("lets an author mark an edit to the key minor (a typo in the right answer)", () => {
    const before = recorded(lesson("a"));
    const declared = { on: "2026-12-03", material: false, note: "Fixed a typo in the right answer." };
    const [change] = diffCourse(before, course(lesson("a", { hash: "a-h2", keyHash: "a-k2", changes: [declared] })));
    expect(change).toMatchObject({ material: false, note: declared.note, changedOn: "2026-12-03" });
  });

  it("keeps a material declaration over a later minor one made before the next version", () => {
    const before = recorded(lesson("a"));
    const changes = [
      { on: "2026-12-01", material: true, note: "New escalation step." },
      { on: "2026-12-05", material: false, note: "Reworded the intro." },
    ];
    const [change] = diffCourse(before, course(lesson("a", { hash: "a-h2", changes })));
    expect(change).toMatchObject({ material: true, note: "New escalation step.", changedOn: "2026-12-01" });
  });

  it("ignores declarations the previous version already had: a later edit is judged by the key", () => {
    const old = { on: "2026-11-20", material: true, note: "Rewrote the scenario." };
    const before = recorded(lesson("a", { changes: [old] }));
    expect(before[0]?.declaredOn).toBe("2026-11-20");
    const [minor] = diffCourse(before, course(lesson("a", { hash: "a-h2", changes: [old] })));
    expect(minor).toMatchObject({ material: false, changedOn: null });
    const [byKey] = diffCourse(before, course(lesson("a", { hash: "a-h2", keyHash: "a-k2", changes: [old] })));
    expect(byKey).toMatchObject({ material: true, note: KEY_CHANGED_NOTE });
  });

  it("does not judge a declaration without an edit: the lesson's files are unchanged", () => {
    const before = recorded(lesson("a"));
    const declared = { on: "2026-12-03", material: true, note: "Declared, never edited." };
    expect(diffCourse(before, course(lesson("a", { changes: [declared] })))).toEqual([]);
  });

  it("lists added and removed lessons, which re-open nothing", () => {
    const before = recorded(lesson("a"), lesson("gone"));
    const changes = diffCourse(before, course(lesson("a"), lesson("new", { keyHash: "other" })));
    expect(changes.map((c) => [c.slug, c.kind, c.material])).toEqual([
      ["new", "added", false],
      ["gone", "removed", false],
    ]);
    expect(materialChanges(changes)).toEqual([]);
  });

  it("treats a practice or quiz added to a lesson (key from none to some) as material", () => {
    const before = recorded(lesson("a", { keyHash: null }));
    const [change] = diffCourse(before, course(lesson("a", { hash: "a-h2", keyHash: "k" })));
    expect(change?.material).toBe(true);
  });
});
