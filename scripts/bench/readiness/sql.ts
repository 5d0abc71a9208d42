/**
 * The baseline: readiness counts computed by one hand-written SQL query over the same tables, on a raw
 * better-sqlite3 connection. It applies the rules of docs/readiness.md (and app/.server/readiness/rules.ts)
 * directly: active curricula, required courses merged across curricula (earliest due day), due days
 * (app/.server/curricula/due-dates.ts), completion from lesson rows of the catalog's current lessons, quizzes
 * with no attempts left (submitted attempts only: one started and not submitted counts nowhere). Overrides
 * (extra attempts, due date extensions, waivers) are not applied: the synthetic organisation has none.
 * The catalog is not in the database: its lessons go into a temporary table first.
 */
import Database from "better-sqlite3";
import type { Catalog } from "../../../app/.server/content/schema";

export type SqlCounts = {
  byState: Record<string, number>;
  byDepartment: Record<string, Record<string, number>>;
  /** Required person × course cells (merged across curricula), for the record. */
  requiredCells: number;
};

export const QUERY = /* sql */ `
WITH
held AS (
  -- A curriculum counts while one of the person's periods is open; held since the first period.
  SELECT a.personId, a.curriculumId, MIN(a.assignedAt) AS heldSince
  FROM "Assignment" a JOIN "Curriculum" c ON c.id = a.curriculumId AND c.archivedAt IS NULL
  GROUP BY a.personId, a.curriculumId
  HAVING MAX(a.unassignedAt IS NULL) = 1
),
refs AS (
  SELECT h.personId, cc.courseSlug, cc.required, cc.dueDays, cc.dueDate, c.dueDays AS cDays, c.dueDate AS cDate,
         date(coalesce(p.startDate, h.heldSince)) AS base, h.heldSince,
         CASE WHEN cc.required THEN coalesce(cc.requiredSince, cc.addedAt) ELSE cc.addedAt END AS since
  FROM held h
  JOIN "Person" p ON p.id = h.personId
  JOIN "Curriculum" c ON c.id = h.curriculumId
  JOIN "CurriculumCourse" cc ON cc.curriculumId = h.curriculumId
  WHERE cc.required AND cc.courseSlug IN (SELECT slug FROM temp.bench_course)
),
cells AS (
  -- One cell per person and required course; held through two curricula, the earlier due day counts.
  SELECT personId, courseSlug, MIN(
    CASE
      WHEN dueDate IS NOT NULL THEN date(dueDate)
      WHEN dueDays IS NOT NULL OR (cDate IS NULL AND cDays IS NOT NULL) THEN
        date(CASE WHEN since > heldSince THEN max(base, date(since)) ELSE base END, '+' || coalesce(dueDays, cDays) || ' days')
      WHEN cDate IS NOT NULL THEN date(cDate)
    END) AS due
  FROM refs GROUP BY personId, courseSlug
),
judged AS (
  SELECT c.personId, c.due,
    (SELECT COUNT(*) FROM "LessonProgress" l JOIN temp.bench_lesson bl ON bl.courseSlug = l.courseSlug AND bl.lessonSlug = l.lessonSlug
      WHERE l.personId = c.personId AND l.courseSlug = c.courseSlug AND l.status = 'COMPLETED') = k.lessons AND k.lessons > 0 AS completed,
    EXISTS (SELECT 1 FROM "LessonProgress" l JOIN temp.bench_lesson bl ON bl.courseSlug = l.courseSlug AND bl.lessonSlug = l.lessonSlug
      WHERE l.personId = c.personId AND l.courseSlug = c.courseSlug)
      OR EXISTS (SELECT 1 FROM "QuizAttempt" q WHERE q.personId = c.personId AND q.courseSlug = c.courseSlug AND q.submittedAt IS NOT NULL) AS started,
    EXISTS (SELECT 1 FROM temp.bench_lesson bl
      WHERE bl.courseSlug = c.courseSlug AND bl.quiz = 1
        AND NOT EXISTS (SELECT 1 FROM "LessonProgress" l WHERE l.personId = c.personId AND l.courseSlug = c.courseSlug AND l.lessonSlug = bl.lessonSlug AND l.status = 'COMPLETED')
        AND (SELECT COUNT(*) FROM "QuizAttempt" q WHERE q.personId = c.personId AND q.courseSlug = c.courseSlug AND q.lessonSlug = bl.lessonSlug
               AND q.submittedAt IS NOT NULL) >= k.attemptLimit) AS stuck
  FROM cells c JOIN temp.bench_course k ON k.slug = c.courseSlug
),
person_state AS (
  SELECT p.id, coalesce(p.department, 'No department') AS department, COUNT(j.personId) AS cells,
    CASE
      WHEN COUNT(j.personId) = 0 THEN 'NOT_STARTED'
      WHEN SUM(NOT j.completed) = 0 THEN 'READY'
      WHEN SUM(NOT j.completed AND j.due < :today) > 0 THEN 'OVERDUE'
      WHEN SUM(NOT j.completed AND (j.due <= :atRiskUntil OR j.stuck)) > 0 THEN 'AT_RISK'
      WHEN SUM(j.started) = 0 THEN 'NOT_STARTED'
      ELSE 'ON_TRACK'
    END AS state
  FROM "Person" p LEFT JOIN judged j ON j.personId = p.id
  WHERE p.deactivatedAt IS NULL AND (p.role = 'LEARNER' OR EXISTS (
    SELECT 1 FROM "Assignment" a JOIN "Curriculum" c ON c.id = a.curriculumId
    WHERE a.personId = p.id AND a.unassignedAt IS NULL AND c.archivedAt IS NULL))
  GROUP BY p.id
)
SELECT department, state, COUNT(*) AS n, SUM(cells) AS cells FROM person_state GROUP BY department, state`;

/** Open a read connection with the catalog's courses and lessons in temporary tables (not timed). */
export function openBaseline(file: string, catalog: Catalog) {
  const db = new Database(file, { readonly: false });
  db.pragma("journal_mode = WAL");
  db.exec(`CREATE TEMP TABLE bench_course (slug TEXT PRIMARY KEY, lessons INTEGER NOT NULL, attemptLimit INTEGER NOT NULL);
           CREATE TEMP TABLE bench_lesson (courseSlug TEXT NOT NULL, lessonSlug TEXT NOT NULL, quiz INTEGER NOT NULL, PRIMARY KEY (courseSlug, lessonSlug));`);
  const course = db.prepare(`INSERT INTO temp.bench_course VALUES (?, ?, ?)`);
  const lesson = db.prepare(`INSERT INTO temp.bench_lesson VALUES (?, ?, ?)`);
  db.transaction(() => {
    for (const c of catalog.courses) {
      course.run(c.slug, c.lessons.length, c.attemptLimit);
      for (const l of c.lessons) lesson.run(c.slug, l.slug, l.quiz ? 1 : 0);
    }
  })();
  const statement = db.prepare(QUERY);
  return {
    /** The counts as of `now` (today and the at-risk horizon are calendar days in UTC). */
    counts(now: Date): SqlCounts {
      const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      const atRiskUntil = new Date(today.getTime() + 7 * 24 * 60 * 60 * 1000);
      const rows = statement.all({ today: today.toISOString().slice(0, 10), atRiskUntil: atRiskUntil.toISOString().slice(0, 10) }) as {
        department: string;
        state: string;
        n: number;
        cells: number;
      }[];
      const result: SqlCounts = { byState: {}, byDepartment: {}, requiredCells: 0 };
      for (const row of rows) {
        result.byState[row.state] = (result.byState[row.state] ?? 0) + row.n;
        (result.byDepartment[row.department] ??= {})[row.state] = row.n;
        result.requiredCells += row.cells;
      }
      return result;
    },
    close: () => db.close(),
  };
}
