import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { courseView } from "~/.server/views/learner";
import { REVALIDATE, revalidateHeaders } from "~/.server/views/revalidate";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { invariantResponse } from "~/.server/http";
import { orgSettings } from "~/.server/notifications/settings";
import { ConfidenceQuestion } from "~/components/confidence-question";
import { AnonymousReplies } from "~/components/feedback-replies";
import { linkButton, ProgressBar, StateBadge } from "~/components/progress-bits";
import { RelativeDue } from "~/components/relative-date";
import { BackLink, Notice, PageHeader } from "~/components/ui";
import { formatDate } from "~/utils/format";
import { calendarDay } from "~/utils/relative-date";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "Course"} · Baton` }];

export const headers = revalidateHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const now = new Date();
  const [page, settings] = await Promise.all([courseView(viewer, params.courseSlug ?? "", now), orgSettings()]);
  invariantResponse(page, "Course not found");
  return data({ ...page, today: calendarDay(now, settings.timeZone) }, { headers: REVALIDATE });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** What to do next in this course: the one primary button, or why there is none. */
function NextAction({ course, progress, waitingFor, outOfAttempts }: Pick<Data, "course" | "progress" | "waitingFor" | "outOfAttempts">) {
  if (waitingFor) return <p className="text-sm text-slate-700">Opens after “{waitingFor.title}”.</p>;
  if (outOfAttempts.length > 0) {
    return (
      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm font-semibold text-amber-900">
        Out of attempts — ask your manager
        <span className="block font-normal">You have used every attempt at the quiz in {outOfAttempts.join(", ")}. Your manager or HR can allow another.</span>
      </p>
    );
  }
  const next = progress.lessons.find((l) => l.slug === progress.nextLesson);
  if (!next) return <p className="font-semibold text-green-800">You have completed this course.</p>;
  const action = progress.state === "not_started" ? "Start the course" : "Resume where you left off";
  // Named by the action, described by the lesson: the lesson list below already has a link named after it.
  return (
    <Link
      to={`/learn/${course.slug}/${next.slug}`}
      aria-label={action}
      aria-describedby="next-lesson"
      className={`${linkButton.primary} w-full flex-col text-base sm:w-auto sm:items-start`}
    >
      <span>{action}</span>
      <span id="next-lesson" className="text-sm font-normal">
        Lesson {next.number}: {next.title}
      </span>
    </Link>
  );
}

/** Required or optional, due when, how far along, how long is left — and the next step, at the top. */
function CourseHeader({ today, ...page }: Pick<Data, "course" | "progress" | "waitingFor" | "outOfAttempts" | "assignment" | "today">) {
  const { progress, assignment } = page;
  return (
    <section aria-label="Your progress in this course" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <span className={assignment.required ? "font-semibold text-slate-900" : "text-slate-700"}>
              {assignment.required ? "Required" : assignment.waived ? "Waived — not required of you" : "Optional"}
            </span>
            {assignment.required && assignment.dueDate && progress.state !== "completed" ? (
              <span>
                <RelativeDue date={assignment.dueDate} today={today} />{" "}
                <span aria-hidden className="text-slate-600">
                  ({formatDate(assignment.dueDate)})
                </span>
              </span>
            ) : assignment.required && !assignment.dueDate ? (
              <span className="text-slate-600">No due date</span>
            ) : null}
            <StateBadge state={progress.state} />
          </p>
          <div className="mt-3 max-w-sm">
            <ProgressBar done={progress.completedCount} total={progress.total} label="Course progress" />
          </div>
          {progress.state === "completed" ? null : <p className="mt-1 text-xs text-slate-600">About {progress.minutesLeft} min left</p>}
        </div>
        <div className="sm:shrink-0">
          <NextAction {...page} />
        </div>
      </div>
    </section>
  );
}

const ruleLabel = { view: "Read", acknowledge: "Read and confirm", quiz: "Pass the quiz", signoff: "Practice, signed off" } as const;

export default function CoursePage() {
  const { course, progress, waitingFor, outOfAttempts, feedback, reopened, assignment, today } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/learn">My learning</BackLink>
      <PageHeader title={course.title} description={course.summary} />
      <CourseHeader course={course} progress={progress} waitingFor={waitingFor} outOfAttempts={outOfAttempts} assignment={assignment} today={today} />
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
                <div className="min-w-0">
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
        <aside aria-label="About this course" className="h-fit rounded-lg border border-slate-200 bg-white p-5">
          <dl className="space-y-1 text-sm">
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">Pass mark</dt>
              <dd>{course.passMark}%</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-slate-500">Attempts per quiz</dt>
              <dd>{course.attemptLimit}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">For</dt>
              <dd className="text-right">{course.audience}</dd>
            </div>
          </dl>
          <ConfidenceQuestion courseSlug={course.slug} question={feedback.confidence} />
        </aside>
      </div>
    </>
  );
}
