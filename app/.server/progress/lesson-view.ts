import type { Role } from "~/generated/prisma/enums";
import { findLesson, getCatalog, getCourse, getLessonCode, publicQuestions } from "../content/catalog";
import type { CatalogCourse } from "../content/schema";
import { assignedCoursesFor, courseLockFrom } from "../curricula/assigned-courses";
import { listAttempts } from "./attempts";
import { courseProgress, type CourseProgress } from "./completion";
import { gradeAttempt, type Answers } from "./grading";
import { getCoursesProgress, getProgressRows, getReflections } from "./progress";

/** Courses written for managers are not offered to new hires. */
export function coursesFor(role: Role): CatalogCourse[] {
  const courses = getCatalog().courses;
  return role === "LEARNER" ? courses.filter((c) => !/manager/i.test(c.audience)) : courses;
}

export function findCourseFor(role: Role, slug: string) {
  return coursesFor(role).find((c) => c.slug === slug) ?? null;
}

/**
 * Which course a person may open, and whether an in-order curriculum keeps it locked for now. A course is
 * offered when the catalog offers it to their role or a curriculum assigns it to them. Null: not offered.
 */
export async function courseAccess(person: { id: string; role: Role }, slug: string, today = new Date()) {
  const curricula = await assignedCoursesFor(person.id, today);
  const assigned = curricula.some((c) => c.courses.some((x) => x.slug === slug));
  const course = assigned ? (getCourse(slug) ?? null) : findCourseFor(person.role, slug);
  if (!course) return null;
  return { course, waitingFor: courseLockFrom(curricula, slug) };
}

const courseCard = (c: CatalogCourse, p: CourseProgress) => ({
  slug: c.slug,
  title: c.title,
  summary: c.summary,
  audience: c.audience,
  minutes: c.minutes,
  state: p.state,
  completedCount: p.completedCount,
  total: p.total,
  minutesLeft: p.minutesLeft,
  nextLesson: p.nextLesson,
});

/**
 * "My learning": the person's assigned curricula first (in order, with due dates, locks and what is overdue),
 * then every other course offered to them. `courses` lists every course they can take, each once.
 * List pages carry no compiled code.
 */
export async function myLearning(person: { id: string; role: Role }, today = new Date()) {
  const curricula = await assignedCoursesFor(person.id, today);
  const assignedSlugs = new Set(curricula.flatMap((c) => c.courses.map((x) => x.slug)));
  const offered = coursesFor(person.role);
  const extra = getCatalog().courses.filter((c) => assignedSlugs.has(c.slug) && !offered.includes(c));
  const all = [...offered, ...extra];
  const progress = await getCoursesProgress(person.id, all);
  const courses = all.map((c) => courseCard(c, progress.get(c.slug) ?? courseProgress(c, [])));
  return {
    curricula: curricula.map((c) => ({
      id: c.curriculumId,
      name: c.name,
      description: c.description,
      inOrder: c.inOrder,
      courses: c.courses.map((x) => ({
        slug: x.slug,
        title: x.title,
        summary: x.summary,
        required: x.required,
        dueDate: x.dueDate,
        overdue: x.overdue,
        locked: x.locked,
        waitingFor: x.waitingFor,
        state: x.state,
        completedCount: x.completedCount,
        total: x.total,
        minutesLeft: x.minutesLeft,
        nextLesson: x.nextLesson,
      })),
    })),
    courses,
    /** Courses no assigned curriculum contains. */
    otherCourses: courses.filter((c) => !assignedSlugs.has(c.slug)),
  };
}

export async function coursePage(person: { id: string; role: Role }, slug: string) {
  const access = await courseAccess(person, slug);
  if (!access) return null;
  const { course, waitingFor } = access;
  const progress = courseProgress(course, await getProgressRows(person.id, course.slug));
  const { lessons: _lessons, intro, ...meta } = course;
  return { course: { ...meta, intro }, progress, waitingFor };
}

const parseAnswers = (json: string): Answers => JSON.parse(json) as Answers;

/**
 * Everything a lesson page shows. Quiz questions go out without keys; after an attempt the learner sees
 * which answers were right and why, and the correct choices only once they passed or have no attempts left.
 */
export async function lessonPage(
  person: { id: string; role: Role },
  courseSlug: string,
  lessonSlug: string,
  knownAccess?: Awaited<ReturnType<typeof courseAccess>>,
) {
  // A locked course's lessons are not served at all; the route explains the lock before getting here.
  const access = knownAccess === undefined ? await courseAccess(person, courseSlug) : knownAccess;
  if (!access || access.waitingFor) return null;
  const found = findLesson(courseSlug, lessonSlug);
  if (!found) return null;
  const { course, lesson, previous, next } = found;
  const [rows, attempts, reflections] = await Promise.all([
    getProgressRows(person.id, course.slug),
    lesson.quiz ? listAttempts(person.id, course.slug, lesson.slug) : Promise.resolve([]),
    getReflections(person.id, course.slug, lesson.slug),
  ]);
  const progress = courseProgress(course, rows);
  const status = progress.lessons.find((l) => l.slug === lesson.slug)?.status ?? "not_started";

  let quiz = null;
  if (lesson.quiz) {
    const last = attempts.at(-1);
    const attemptsLeft = Math.max(0, course.attemptLimit - attempts.length);
    const passedEver = attempts.some((a) => a.passed);
    const reveal = passedEver || attemptsLeft === 0;
    const lastGrade = last ? gradeAttempt(lesson.quiz, parseAnswers(last.answers)) : null;
    quiz = {
      passMark: lesson.quiz.passMark,
      attemptLimit: course.attemptLimit,
      attemptsLeft,
      nextAttemptNumber: attempts.length + 1,
      bestScore: attempts.reduce<number | null>((best, a) => (best === null || a.score > best ? a.score : best), null),
      passed: passedEver,
      questions: publicQuestions(lesson.quiz.questions),
      attempts: attempts.map((a) => ({ attemptNumber: a.attemptNumber, score: a.score, passed: a.passed, submittedAt: a.submittedAt })),
      lastResult:
        last && lastGrade
          ? {
              attemptNumber: last.attemptNumber,
              score: last.score,
              passed: last.passed,
              questions: lastGrade.results.map((r) => ({
                id: r.id,
                correct: r.correct,
                given: r.given,
                explanation: r.explanation,
                expected: reveal ? r.expected : null,
              })),
            }
          : null,
    };
  }

  return {
    course: { slug: course.slug, title: course.title, version: course.version },
    lesson: { slug: lesson.slug, number: lesson.number, title: lesson.title, objectives: lesson.objectives, minutes: lesson.minutes, completion: lesson.completion, quizInBody: lesson.quizInBody },
    position: { index: course.lessons.indexOf(lesson) + 1, total: course.lessons.length },
    previous: previous ? { slug: previous.slug, title: previous.title } : null,
    next: next ? { slug: next.slug, title: next.title } : null,
    code: getLessonCode(lesson),
    status,
    courseState: progress.state,
    reflections,
    quiz,
  };
}

export type LessonPage = NonNullable<Awaited<ReturnType<typeof lessonPage>>>;

export const lockedMessage = (waitingFor: { title: string }) =>
  `This course opens when you have finished “${waitingFor.title}”: your curriculum takes its courses in order.`;
