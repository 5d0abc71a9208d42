import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { answerFeedback } from "~/.server/feedback/replies";
import { feedbackCourseFor } from "~/.server/feedback/owners";
import { courseFeedbackReport } from "~/.server/feedback/report";
import { FeedbackAnswerSchema } from "~/.server/feedback/rules";
import { parseForm } from "~/.server/forms/parse";
import { clientIp, invariantResponse } from "~/.server/http";
import { CommentCard, statusLabel, type AnswerActionData } from "~/components/feedback-comment";
import { ConfidenceSummary, LessonRatings } from "~/components/feedback-report";
import { BackLink, EmptyState, PageHeader } from "~/components/ui";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Feedback: ${data?.course.title ?? "Course"} · Baton` }];

/** Only the course's owner and HR read its feedback; for anyone else the page does not exist. */
async function readableCourse(request: Request, slug: string | undefined) {
  const viewer = await requireUser(request);
  const course = feedbackCourseFor(viewer, slug ?? "");
  invariantResponse(course, "Not found");
  return { viewer, course };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course } = await readableCourse(request, params.courseSlug);
  return courseFeedbackReport(course, new Date());
}

/** A comment's status and reply, audited. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, course } = await readableCourse(request, params.courseSlug);
  const form = await readForm(request);
  const feedbackId = String(form.get("feedbackId") ?? "");
  const parsed = parseForm(form, FeedbackAnswerSchema);
  if (!parsed.ok) return data<AnswerActionData>({ ok: false, feedbackId, errors: parsed.errors }, { status: 400 });
  const outcome = await answerFeedback(viewer, course.slug, parsed.data, { ip: clientIp(request) });
  invariantResponse(outcome.kind !== "not-found", "Not found");
  const message = outcome.kind === "saved" ? `Saved: ${statusLabel[outcome.status]}.` : "Nothing to save: it was already like this.";
  return data<AnswerActionData>({ ok: true, feedbackId, message });
}

export default function CourseFeedback() {
  const { course, lessons, confidence, comments } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/feedback">Feedback</BackLink>
      <PageHeader title={`Feedback: ${course.title}`} description="Ratings, confidence and comments from the people who take this course." />
      <h2 className="mb-3 text-lg font-semibold">Was this useful? Ratings per lesson</h2>
      <LessonRatings lessons={lessons} />
      <h2 className="mb-3 mt-8 text-lg font-semibold">Confidence before and after</h2>
      <ConfidenceSummary question={course.question} confidence={confidence} />
      <h2 className="mb-3 mt-8 text-lg font-semibold">Comments ({comments.length}), newest first</h2>
      {comments.length === 0 ? (
        <EmptyState title="No comments yet">When learners say what would make a lesson better, it shows here.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {comments.map((c) => (
            <CommentCard key={c.id} comment={c} />
          ))}
        </ul>
      )}
    </>
  );
}
