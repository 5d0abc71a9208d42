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
import { courseAccess, coursePage, lessonPage, lockedMessage, myLearning } from "../progress/lesson-view";
import { storiesAbout } from "../stories/list";
import { cachedView } from "./cache";

export async function learningView(viewer: Viewer) {
  return cachedView(viewer, "learning", async () => {
    const [learning, stories, replies] = await Promise.all([myLearning(viewer), storiesAbout(viewer.id, 3), repliesFor(viewer.id)]);
    return { ...learning, stories, replies };
  });
}

export async function courseView(viewer: Viewer, courseSlug: string) {
  return cachedView(viewer, `course:${courseSlug}`, async () => {
    const page = await coursePage(viewer, courseSlug);
    if (!page) return null;
    return { ...page, feedback: await learnerCourseFeedback(viewer.id, page.course, page.progress.state) };
  });
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
