import type { Role } from "~/generated/prisma/enums";
import { findLesson, getCatalog, getCourse, getLessonSegments } from "../content/catalog";
import type { CatalogCourse, CatalogLesson } from "../content/schema";
import { assignedCoursesFor, courseLockFrom } from "../curricula/assigned-courses";
import { lessonPractice } from "../practice/submissions";
import { lessonQuiz, outOfAttempts } from "../quiz/standing";
import { courseProgress, type CourseProgress } from "./completion";
import { getInteractions } from "./interactions";
import { getCoursesProgress, getProgressRows, getReflections } from "./progress";
import { reopenedNotes } from "./reopen";
import { prisma } from "../db";
import { offeredTo } from "../content/offered";

/** The courses offered to a role without an assignment (the course front file's `roles`). */
function coursesFor(role: Role): CatalogCourse[] {
  return getCatalog().courses.filter((c) => offeredTo(c, role));
}

function findCourseFor(role: Role, slug: string) {
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
  const [progress, stuck] = await Promise.all([getCoursesProgress(person.id, all), outOfAttempts(person.id, all)]);
  const courses = all.map((c) => ({ ...courseCard(c, progress.get(c.slug) ?? courseProgress(c, [])), outOfAttempts: stuck.get(c.slug) ?? [] }));
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
        waived: x.waived,
        outOfAttempts: stuck.get(x.slug) ?? [],
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
  const [rows, stuck, reopened] = await Promise.all([
    getProgressRows(person.id, course.slug),
    outOfAttempts(person.id, [course]),
    reopenedNotes(prisma, person.id, course.slug),
  ]);
  const progress = courseProgress(course, rows);
  const { lessons: _lessons, intro, ...meta } = course;
  return { course: { ...meta, intro }, progress, waitingFor, outOfAttempts: stuck.get(course.slug) ?? [], reopened };
}

/**
 * Everything a lesson page shows. The quiz part is the attempt in progress without keys and the review of the
 * last submitted one (app/.server/quiz/standing.ts).
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
  const [rows, quiz, practice, reflections, interactions, reopened] = await Promise.all([
    getProgressRows(person.id, course.slug),
    lessonQuiz(person.id, course, lesson),
    lessonPractice(person.id, course, lesson),
    getReflections(person.id, course.slug, lesson.slug),
    getInteractions(person.id, course.slug, lesson.slug),
    reopenedNotes(prisma, person.id, course.slug),
  ]);
  const progress = courseProgress(course, rows);
  const status = progress.lessons.find((l) => l.slug === lesson.slug)?.status ?? "not_started";
  return {
    course: { slug: course.slug, title: course.title, version: course.version },
    lesson: lessonHeading(lesson),
    position: lessonPosition(course, lesson),
    previous: previous ? { slug: previous.slug, title: previous.title } : null,
    next: next ? { slug: next.slug, title: next.title } : null,
    /** The body as content:build rendered it: static HTML and islands (docs/decisions/015). */
    segments: getLessonSegments(course.slug, lesson.slug),
    status,
    /** Why a completed lesson is open again (a material change, a renewal), or null. */
    reopened: reopened[lesson.slug] ?? null,
    courseState: progress.state,
    reflections,
    interactions,
    quiz,
    practice,
  };
}

export const lockedMessage = (waitingFor: { title: string }) =>
  `This course opens when you have finished “${waitingFor.title}”: your curriculum takes its courses in order.`;

/** What a lesson page shows of the lesson above its body (the learner's page and HR's preview). */
export const lessonHeading = (lesson: CatalogLesson) => ({
  slug: lesson.slug,
  number: lesson.number,
  title: lesson.title,
  objectives: lesson.objectives,
  minutes: lesson.minutes,
  completion: lesson.completion,
  quizInBody: lesson.quizInBody,
});

/** "Lesson 3 of 7". */
export const lessonPosition = <L>(course: { lessons: L[] }, lesson: L) => ({ index: course.lessons.indexOf(lesson) + 1, total: course.lessons.length });
