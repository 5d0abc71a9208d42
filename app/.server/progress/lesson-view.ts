import type { Role } from "~/generated/prisma/enums";
import { findLesson, getCatalog, getLessonCode, publicQuestions } from "../content/catalog";
import type { CatalogCourse } from "../content/schema";
import { listAttempts } from "./attempts";
import { courseProgress } from "./completion";
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

/** "My learning": every offered course with its derived state and what is left. List pages carry no compiled code. */
export async function myLearning(person: { id: string; role: Role }) {
  const courses = coursesFor(person.role);
  const progress = await getCoursesProgress(person.id, courses);
  return courses.map((c) => {
    const p = progress.get(c.slug) ?? courseProgress(c, []);
    return {
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
    };
  });
}

export async function coursePage(person: { id: string; role: Role }, slug: string) {
  const course = findCourseFor(person.role, slug);
  if (!course) return null;
  const progress = courseProgress(course, await getProgressRows(person.id, course.slug));
  const { lessons: _lessons, intro, ...meta } = course;
  return { course: { ...meta, intro }, progress };
}

const parseAnswers = (json: string): Answers => JSON.parse(json) as Answers;

/**
 * Everything a lesson page shows. Quiz questions go out without keys; after an attempt the learner sees
 * which answers were right and why, and the correct choices only once they passed or have no attempts left.
 */
export async function lessonPage(person: { id: string; role: Role }, courseSlug: string, lessonSlug: string) {
  if (!findCourseFor(person.role, courseSlug)) return null;
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
