import type { CatalogCourse } from "../content/schema";
import type { CourseState } from "../progress/completion";
import { confidenceQuestionFor } from "./confidence";
import { anonymousRepliesFor } from "./replies";

/**
 * What a learner's course page shows of feedback: the confidence question while it is open for them, and, once
 * they have started the course, the anonymous comments on it that were answered.
 */
export async function learnerCourseFeedback(personId: string, course: Pick<CatalogCourse, "slug" | "confidence">, state: CourseState) {
  const [confidence, answered] = await Promise.all([
    confidenceQuestionFor(personId, course, state),
    state === "not_started" ? [] : anonymousRepliesFor(course.slug),
  ]);
  return { confidence, answered };
}
