/**
 * What changed in a course between its last recorded version and the catalog's, lesson by lesson, and whether each
 * change is material (people who completed the lesson do it again) or minor (nothing re-opens). Pure.
 */
import type { CatalogCourse } from "../schema";

/** A lesson as a CourseVersion row remembers it. `declaredOn`: the newest change declared for it then. */
export type RecordedLesson = { slug: string; title: string; hash: string; keyHash: string | null; declaredOn: string | null };

export type LessonChange = {
  slug: string;
  title: string;
  kind: "added" | "changed" | "removed";
  material: boolean;
  note: string;
  /** YYYY-MM-DD the author gave; null when nobody declared the change (applying uses that day). */
  changedOn: string | null;
};

export const KEY_CHANGED_NOTE = "The quiz answers or practice criteria changed";

type Lesson = CatalogCourse["lessons"][number];

/** The newest declared date of each lesson, as the next version compares against. */
export function recordLessons(course: Pick<CatalogCourse, "lessons">): RecordedLesson[] {
  return course.lessons.map((l) => ({
    slug: l.slug,
    title: l.title,
    hash: l.hash ?? "",
    keyHash: l.keyHash ?? null,
    declaredOn: (l.changes ?? []).reduce<string | null>((newest, c) => (newest === null || c.on > newest ? c.on : newest), null),
  }));
}

/**
 * A changed lesson's verdict: the author's declarations made since the last version decide (any material one makes
 * it material, with the newest such note and date); without one, an edit to what decides a pass is material, and
 * anything else is minor.
 */
function verdict(before: RecordedLesson, lesson: Lesson): Pick<LessonChange, "material" | "note" | "changedOn"> {
  const fresh = (lesson.changes ?? []).filter((c) => before.declaredOn === null || c.on > before.declaredOn);
  const newest = (list: typeof fresh) => list.reduce<(typeof fresh)[number] | null>((n, c) => (n === null || c.on >= n.on ? c : n), null);
  const material = newest(fresh.filter((c) => c.material));
  if (material) return { material: true, note: material.note, changedOn: material.on };
  const minor = newest(fresh);
  if (minor) return { material: false, note: minor.note, changedOn: minor.on };
  if ((lesson.keyHash ?? null) !== before.keyHash) return { material: true, note: KEY_CHANGED_NOTE, changedOn: null };
  return { material: false, note: "Edited (not marked material)", changedOn: null };
}

/**
 * Lessons added, changed or removed since `previous` (null: the course's first recorded version, which changes
 * nothing). Added and removed lessons re-open nothing; unchanged lessons are left out.
 */
export function diffCourse(previous: RecordedLesson[] | null, current: Pick<CatalogCourse, "lessons">): LessonChange[] {
  if (previous === null) return [];
  const before = new Map(previous.map((l) => [l.slug, l]));
  const now = new Set(current.lessons.map((l) => l.slug));
  const changes: LessonChange[] = [];
  for (const lesson of current.lessons) {
    const was = before.get(lesson.slug);
    if (!was) changes.push({ slug: lesson.slug, title: lesson.title, kind: "added", material: false, note: "New lesson", changedOn: null });
    else if ((lesson.hash ?? "") !== was.hash) changes.push({ slug: lesson.slug, title: lesson.title, kind: "changed", ...verdict(was, lesson) });
  }
  for (const was of previous) {
    if (!now.has(was.slug)) changes.push({ slug: was.slug, title: was.title, kind: "removed", material: false, note: "Lesson removed", changedOn: null });
  }
  return changes;
}

/** The lessons whose change re-opens them for people who completed them. */
export const materialChanges = (changes: LessonChange[]) => changes.filter((c) => c.kind === "changed" && c.material);
