import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/.server/auth/require-user";
import { recordConfidence } from "~/.server/feedback/confidence";
import { learnerFormAction } from "~/.server/feedback/respond";
import { ConfidenceFormSchema } from "~/.server/feedback/rules";
import { readForm } from "~/.server/forms/read";

/** A learner's answer to a course's confidence question, before or after (resource route for the course page). */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const { courseSlug = "" } = params;
  const page = { back: `/learn/${courseSlug}`, form: "confidence" };
  return learnerFormAction(await readForm(request), ConfidenceFormSchema, page, (input) => recordConfidence(viewer, courseSlug, input));
}
