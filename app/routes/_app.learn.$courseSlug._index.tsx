import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { courseView } from "~/.server/views/learner";
import { REVALIDATE, revalidateHeaders } from "~/.server/views/revalidate";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { invariantResponse } from "~/.server/http";
import { ConfidenceQuestion } from "~/components/confidence-question";
import { AnonymousReplies } from "~/components/feedback-replies";
import { ProgressBar, StateBadge } from "~/components/progress-bits";
import { BackLink, Notice, PageHeader } from "~/components/ui";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "Course"} · Baton` }];

export const headers = revalidateHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const page = await courseView(viewer, params.courseSlug ?? "");
  invariantResponse(page, "Course not found");
  return data(page, { headers: REVALIDATE });
}

const ruleLabel = { view: "Read", acknowledge: "Read and confirm", quiz: "Pass the quiz", signoff: "Practice, signed off" } as const;

export default function CoursePage() {
  const { course, progress, waitingFor, outOfAttempts, feedback, reopened } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/learn">My learning</BackLink>
      <PageHeader title={course.title} description={course.summary} />
      {waitingFor ? (
        <div className="mb-6">
          <Notice>
            This course opens when you have finished “{waitingFor.title}”: your curriculum takes its courses in order.{" "}
            <Link to={`/learn/${waitingFor.slug}`} className="font-semibold underline">
              Go to {waitingFor.title}
            </Link>
          </Notice>
        </div>
      ) : null}
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {course.intro.split(/\n\s*\n/).map((para, i) => (
            <p key={i} className="mb-3 text-slate-700">
              {para}
            </p>
          ))}
          <h2 className="mb-3 mt-6 text-lg font-semibold">Lessons</h2>
          <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {progress.lessons.map((l) => (
              <li key={l.slug} className="flex items-center justify-between gap-4 px-4 py-3">
                <div>
                  {waitingFor ? (
                    <span className="font-medium">
                      {l.number}. {l.title}
                    </span>
                  ) : (
                    <Link to={`/learn/${course.slug}/${l.slug}`} className="font-medium text-brand-700 hover:underline">
                      {l.number}. {l.title}
                    </Link>
                  )}
                  <p className="text-xs text-slate-500">
                    {l.minutes} min · {ruleLabel[l.completion]}
                  </p>
                  {reopened[l.slug] ? <p className="text-xs font-medium text-amber-800">{reopened[l.slug]}</p> : null}
                </div>
                <StateBadge state={l.status} />
              </li>
            ))}
          </ol>
          <AnonymousReplies replies={feedback.answered} />
        </div>
        <aside className="h-fit rounded-lg border border-slate-200 bg-white p-5">
          <StateBadge state={progress.state} />
          <div className="mt-3">
            <ProgressBar done={progress.completedCount} total={progress.total} label="Course progress" />
          </div>
          <dl className="mt-4 space-y-1 text-sm">
            <div className="flex justify-between">
              <dt className="text-slate-500">Time left</dt>
              <dd>about {progress.minutesLeft} min</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-slate-500">Pass mark</dt>
              <dd>{course.passMark}%</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-slate-500">Attempts per quiz</dt>
              <dd>{course.attemptLimit}</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-slate-500">For</dt>
              <dd>{course.audience}</dd>
            </div>
          </dl>
          <ConfidenceQuestion courseSlug={course.slug} question={feedback.confidence} />
          {waitingFor ? (
            <p className="mt-5 text-sm text-slate-600">Opens after “{waitingFor.title}”.</p>
          ) : outOfAttempts.length > 0 ? (
            <p className="mt-5 rounded-md bg-amber-50 px-3 py-2 text-sm font-semibold text-amber-900">
              Out of attempts — ask your manager
              <span className="block font-normal">
                You have used every attempt at the quiz in {outOfAttempts.join(", ")}. Your manager or HR can allow another.
              </span>
            </p>
          ) : progress.nextLesson ? (
            <Link
              to={`/learn/${course.slug}/${progress.nextLesson}`}
              className="mt-5 block rounded-md bg-brand-600 px-4 py-2 text-center font-semibold text-white hover:bg-brand-700"
            >
              {progress.state === "not_started" ? "Start the course" : "Resume where you left off"}
            </Link>
          ) : (
            <p className="mt-5 font-semibold text-green-800">You have completed this course.</p>
          )}
        </aside>
      </div>
    </>
  );
}
