import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/.server/auth/require-user";
import { submitLessonFeedback } from "~/.server/feedback/lesson-feedback";
import { learnerFormAction } from "~/.server/feedback/respond";
import { LessonFeedbackFormSchema } from "~/.server/feedback/rules";
import { readForm } from "~/.server/forms/read";

/** A learner's "Was this useful?" for one lesson (resource route: the lesson page's form posts here). */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const { courseSlug = "", lessonSlug = "" } = params;
  const page = { back: `/learn/${courseSlug}/${lessonSlug}`, form: "lesson-feedback" };
  return learnerFormAction(await readForm(request), LessonFeedbackFormSchema, page, (input) => submitLessonFeedback(viewer, courseSlug, lessonSlug, input));
}
