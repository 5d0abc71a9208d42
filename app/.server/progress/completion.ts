import type { CatalogCourse } from "../content/schema";

export type LessonStatus = "not_started" | "in_progress" | "completed";
export type CourseState = "not_started" | "in_progress" | "completed";

export type ProgressRow = { lessonSlug: string; status: string; completedAt: Date | null };

const lessonStatus = (row: ProgressRow | undefined): LessonStatus => (!row ? "not_started" : row.status === "COMPLETED" ? "completed" : "in_progress");

/**
 * A course's state, derived from lesson rows (never stored): completed when every current lesson is
 * complete under its rule. Lessons added in a later version count as not done; rows for removed
 * lessons are ignored.
 */
export function courseProgress(course: CatalogCourse, rows: ProgressRow[]) {
  const bySlug = new Map(rows.map((r) => [r.lessonSlug, r]));
  const lessons = course.lessons.map((l) => {
    const row = bySlug.get(l.slug);
    const status = lessonStatus(row);
    return {
      slug: l.slug,
      number: l.number,
      title: l.title,
      minutes: l.minutes,
      completion: l.completion,
      status,
      completedAt: status === "completed" ? (row?.completedAt ?? null) : null,
    };
  });
  const completedCount = lessons.filter((l) => l.status === "completed").length;
  const total = lessons.length;
  const started = lessons.some((l) => l.status !== "not_started");
  const state: CourseState = total > 0 && completedCount === total ? "completed" : started ? "in_progress" : "not_started";
  const remaining = lessons.filter((l) => l.status !== "completed");
  const completedAt = state === "completed" ? new Date(Math.max(...lessons.map((l) => l.completedAt?.getTime() ?? 0))) : null;
  return {
    lessons,
    completedCount,
    total,
    state,
    completedAt,
    minutesLeft: remaining.reduce((n, l) => n + l.minutes, 0),
    /** Where to resume: the first lesson not yet complete. */
    nextLesson: remaining[0]?.slug ?? null,
  };
}

export type CourseProgress = ReturnType<typeof courseProgress>;
