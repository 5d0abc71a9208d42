/**
 * The learner pages' data, cached per person (./cache.ts): My learning, a course page, a lesson page and the
 * navigation's counts. Each is exactly what the uncached domain functions return; views.test.ts proves it after
 * every kind of write.
 */
import type { Viewer } from "../auth/require-user";
import { learnerCourseFeedback } from "../feedback/course-page";
import { lessonFeedbackFor } from "../feedback/lesson-feedback";
import { repliesFor } from "../feedback/replies";
import { unreadCount } from "../notifications/inbox";
import { signOffCount } from "../practice/submissions";
import { findLesson } from "../content/catalog";
import { courseAccess, coursePage, lessonPage, lockedMessage, myLearning } from "../progress/lesson-view";
import { chooseNextStep } from "../progress/next-step";
import { storiesAbout } from "../stories/list";
import { cachedView } from "./cache";

/** `now` only decides the day (due dates, overdue), which is part of the cache key. */
export async function learningView(viewer: Viewer, now = new Date()) {
  return cachedView(viewer, "learning", async () => {
    const [learning, stories, replies] = await Promise.all([myLearning(viewer, now), storiesAbout(viewer.id, 3), repliesFor(viewer.id)]);
    return { ...learning, next: nextStepView(chooseNextStep(learning, now)), stories, replies };
  });
}

/** The next step with the lesson's title, for the Continue card. */
function nextStepView(step: ReturnType<typeof chooseNextStep>) {
  if (step.kind !== "continue") return step;
  const { course, lessonSlug } = step;
  const lesson = findLesson(course.slug, lessonSlug)?.lesson;
  return {
    kind: step.kind,
    overdue: step.overdue,
    course: {
      slug: course.slug,
      title: course.title,
      state: course.state,
      required: course.required,
      dueDate: course.dueDate,
      minutesLeft: course.minutesLeft,
    },
    lesson: { slug: lessonSlug, title: lesson?.title ?? lessonSlug, number: lesson?.number ?? null },
  };
}

export async function courseView(viewer: Viewer, courseSlug: string, now = new Date()) {
  return cachedView(viewer, `course:${courseSlug}`, async () => {
    const page = await coursePage(viewer, courseSlug);
    if (!page) return null;
    const [feedback, learning] = await Promise.all([learnerCourseFeedback(viewer.id, page.course, page.progress.state), learningView(viewer, now)]);
    return { ...page, assignment: assignmentOf(learning.curricula, courseSlug), feedback };
  });
}

/**
 * Whether the person's curricula require the course, and by when (the earliest due date among those that
 * require it), from the due dates My learning already computed. A course no curriculum requires is optional.
 */
function assignmentOf(curricula: Awaited<ReturnType<typeof myLearning>>["curricula"], courseSlug: string) {
  const rows = curricula.flatMap((c) => c.courses.filter((x) => x.slug === courseSlug).map((x) => ({ ...x, curriculum: c.name })));
  const requiring = rows.filter((r) => r.required && !r.waived);
  const dated = requiring.filter((r) => r.dueDate !== null).sort((a, b) => a.dueDate!.getTime() - b.dueDate!.getTime());
  return {
    required: requiring.length > 0,
    waived: rows.length > 0 && requiring.length === 0 && rows.some((r) => r.waived),
    curricula: rows.map((r) => r.curriculum),
    dueDate: dated[0]?.dueDate ?? null,
    overdue: requiring.some((r) => r.overdue),
  };
}

export type LessonView = { kind: "not-found" } | { kind: "locked"; message: string } | { kind: "page"; page: LessonPage; feedback: LessonFeedback };
type LessonPage = NonNullable<Awaited<ReturnType<typeof lessonPage>>>;
type LessonFeedback = Awaited<ReturnType<typeof lessonFeedbackFor>>;

export async function lessonView(viewer: Viewer, courseSlug: string, lessonSlug: string): Promise<LessonView> {
  return cachedView(viewer, `lesson:${courseSlug}/${lessonSlug}`, async (): Promise<LessonView> => {
    // In-order curricula: a locked course's lessons answer with the reason, never the lesson.
    const access = await courseAccess(viewer, courseSlug);
    if (!access) return { kind: "not-found" };
    if (access.waitingFor) return { kind: "locked", message: lockedMessage(access.waitingFor) };
    const page = await lessonPage(viewer, courseSlug, lessonSlug, access);
    if (!page) return { kind: "not-found" };
    return { kind: "page", page, feedback: await lessonFeedbackFor(viewer.id, page.course.slug, page.lesson.slug) };
  });
}

/**
 * The navigation's counts. Unread notifications are the person's own rows (cached); the sign-off queue of a
 * manager or HR is other people's rows, so it is counted on every request.
 */
export async function navCounts(viewer: Viewer) {
  const [signOffs, unread] = await Promise.all([signOffCount(viewer), cachedView(viewer, "unread", () => unreadCount(viewer.id))]);
  return { signOffs, unread };
}
