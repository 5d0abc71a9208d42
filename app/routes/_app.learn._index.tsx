import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { learningView } from "~/.server/views/learner";
import { REVALIDATE, revalidateHeaders } from "~/.server/views/revalidate";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { certificatesHeldBy } from "~/.server/certificates/certificates";
import { orgSettings } from "~/.server/notifications/settings";
import { FeedbackReplies } from "~/components/feedback-replies";
import { linkButton, ProgressBar, StateBadge } from "~/components/progress-bits";
import { RelativeDue } from "~/components/relative-date";
import { StoriesAboutYou } from "~/components/stories-about-you";
import { EmptyState, PageHeader } from "~/components/ui";
import { validityLabel } from "~/utils/certificate-validity";
import { formatDate } from "~/utils/format";
import { calendarDay } from "~/utils/relative-date";

export const meta: MetaFunction = () => [{ title: "My learning · Baton" }];

export const headers = revalidateHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const now = new Date();
  const [learning, certificates, settings] = await Promise.all([learningView(viewer, now), certificatesHeldBy(viewer.id, now), orgSettings()]);
  // The day, not the moment: the words ("due Thursday") are the same on the server and in the browser.
  const today = calendarDay(now, settings.timeZone);
  return data({ firstName: viewer.name.split(" ")[0] ?? viewer.name, ...learning, certificates, today }, { headers: REVALIDATE });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Card = Data["courses"][number];
type AssignedRow = Data["curricula"][number]["courses"][number];

const verb = (state: Card["state"]) => (state === "not_started" ? "Start" : state === "completed" ? "Review" : "Resume");

/** Start, Resume or Review (secondary: the Continue card holds the one primary action) — unless a quiz is out of attempts. */
function ResumeLink({ course, className = "" }: { course: Pick<Card, "slug" | "title" | "state" | "nextLesson" | "outOfAttempts">; className?: string }) {
  if (course.outOfAttempts.length > 0 && course.state !== "completed") {
    return (
      <p className={`rounded-md bg-amber-50 px-3 py-2 text-sm font-semibold text-amber-900 ${className}`}>
        Out of attempts — ask your manager
        <span className="block text-xs font-normal">Quiz in {course.outOfAttempts.join(", ")}</span>
      </p>
    );
  }
  return (
    <Link
      to={course.nextLesson ? `/learn/${course.slug}/${course.nextLesson}` : `/learn/${course.slug}`}
      className={`${linkButton.secondary} ${className}`}
      aria-label={`${verb(course.state)} ${course.title}`}
    >
      {verb(course.state)}
    </Link>
  );
}

function Summary({ courses, curricula }: Pick<Data, "courses" | "curricula">) {
  if (curricula.length > 0) {
    const rows = curricula.flatMap((c) => c.courses).filter((c) => c.required && c.state !== "completed" && !c.waived);
    const overdue = rows.filter((c) => c.overdue).length;
    if (rows.length === 0) return <>You have finished every required course.</>;
    return (
      <>
        {rows.length} required {rows.length === 1 ? "course" : "courses"} to go
        {overdue > 0 ? <strong className="text-red-800">, {overdue} overdue</strong> : null}.
      </>
    );
  }
  const open = courses.filter((c) => c.state !== "completed");
  if (open.length === 0) return <>You have finished every course here.</>;
  return (
    <>
      {open.length} {open.length === 1 ? "course" : "courses"} to go, about {open.reduce((n, c) => n + c.minutesLeft, 0)} minutes in all.
    </>
  );
}

function DueLine({ course, today }: { course: AssignedRow; today: string }) {
  if (course.state === "completed") return <span className="text-green-800">Completed</span>;
  if (course.waived) return <span className="text-slate-700">Waived — not required of you</span>;
  if (!course.dueDate) return <span className="text-slate-600">No due date</span>;
  return <RelativeDue date={course.dueDate} today={today} />;
}

/** One course of a curriculum. On a phone the title takes the whole width; the state and button go below it. */
function AssignedCourse({ course, index, today }: { course: AssignedRow; index: number; today: string }) {
  return (
    <li className={`flex gap-3 px-4 py-4 sm:gap-4 ${course.overdue ? "bg-red-50" : ""}`}>
      <span aria-hidden className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-slate-100 text-sm font-semibold text-slate-700">
        {index + 1}
      </span>
      <div className="min-w-0 flex-1 sm:flex sm:items-center sm:gap-4">
        <div className="min-w-0 flex-1">
          <h3 className="font-semibold break-words">
            {course.locked ? (
              course.title
            ) : (
              <Link to={`/learn/${course.slug}`} className="hover:underline">
                {course.title}
              </Link>
            )}
          </h3>
          <p className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5 text-sm">
            <span className={course.required ? "font-medium text-slate-800" : "text-slate-600"}>{course.required ? "Required" : "Optional"}</span>
            <DueLine course={course} today={today} />
            <span className="text-slate-600">
              {course.completedCount} of {course.total} lessons done
            </span>
          </p>
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-3 sm:mt-0 sm:shrink-0">
          <StateBadge state={course.state} />
          {course.locked && course.waitingFor ? (
            <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">Opens after “{course.waitingFor.title}”</p>
          ) : (
            <ResumeLink course={course} />
          )}
        </div>
      </div>
    </li>
  );
}

/**
 * The one next step: the next lesson of the most urgent required course (app/.server/progress/next-step.ts),
 * first on the page so a phone shows its button without scrolling.
 */
function ContinueCard({ next, today, hasCertificates }: { next: Data["next"]; today: string; hasCertificates: boolean }) {
  if (next.kind === "done") {
    return (
      <section aria-labelledby="next-step" className="mb-8 rounded-lg border border-green-200 bg-green-50 p-5">
        <h2 id="next-step" className="font-semibold text-green-900">
          You are all caught up
        </h2>
        <p className="mt-1 text-sm text-green-900">
          Every course required of you is done.{" "}
          {hasCertificates ? (
            <a href="#certificates" className="font-semibold underline">
              See your certificates
            </a>
          ) : null}
        </p>
      </section>
    );
  }
  if (next.kind === "stuck") {
    return (
      <section aria-labelledby="next-step" className="mb-8 rounded-lg border border-amber-200 bg-amber-50 p-5">
        <h2 id="next-step" className="font-semibold text-amber-900">
          Your next step: ask your manager
        </h2>
        <p className="mt-1 text-sm text-amber-900">
          {next.course.outOfAttempts.length > 0
            ? `You have used every attempt at the quiz in ${next.course.outOfAttempts.join(", ")} (${next.course.title}). Your manager or HR can allow another.`
            : `“${next.course.title}” cannot be taken yet.`}
        </p>
      </section>
    );
  }
  const { course, lesson } = next;
  return (
    <section aria-labelledby="next-step" className={`mb-8 rounded-lg border bg-brand-50 p-5 ${next.overdue ? "border-red-300" : "border-brand-100"}`}>
      <h2 id="next-step" className="text-sm font-semibold text-brand-900">
        {course.state === "not_started" ? "Your next step" : "Pick up where you left off"}
      </h2>
      <p className="mt-1 text-lg font-semibold break-words text-slate-900">
        <Link to={`/learn/${course.slug}`} className="hover:underline">
          {course.title}
        </Link>
      </p>
      <p className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-sm text-slate-700">
        <span className="font-medium">{course.required ? "Required" : "Optional"}</span>
        {course.dueDate ? <RelativeDue date={course.dueDate} today={today} /> : null}
        <span>about {course.minutesLeft} min left</span>
      </p>
      <Link to={`/learn/${course.slug}/${lesson.slug}`} className={`${linkButton.primary} mt-4 w-full text-base sm:w-auto`}>
        Continue: {lesson.title}
      </Link>
    </section>
  );
}

function CourseCard({ c }: { c: Card }) {
  return (
    <li className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <h3 className="text-lg font-semibold">
          <Link to={`/learn/${c.slug}`} className="hover:underline">
            {c.title}
          </Link>
        </h3>
        <StateBadge state={c.state} />
      </div>
      <p className="mt-2 flex-1 text-sm text-slate-600">{c.summary}</p>
      <div className="mt-4">
        <ProgressBar done={c.completedCount} total={c.total} label={`${c.title} progress`} />
        <p className="mt-1 text-xs text-slate-600">
          {c.state === "completed" ? "All done." : `${c.total - c.completedCount} left · about ${c.minutesLeft} min`}
        </p>
      </div>
      <ResumeLink course={c} className="mt-4 self-start" />
    </li>
  );
}

/** Each certificate held, linking to its completion screen. */
function Certificates({ certificates }: Pick<Data, "certificates">) {
  if (certificates.length === 0) return null;
  return (
    <section aria-labelledby="certificates" className="mb-8">
      <h2 id="certificates" className="text-lg font-semibold">
        Your certificates
      </h2>
      <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {certificates.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <Link to={`/learn/certificates/${c.id}`} className="font-semibold hover:underline">
              {c.curriculumName}
            </Link>
            <span className="text-sm text-slate-600">
              Issued {formatDate(c.issuedAt)} · {validityLabel(c)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function MyLearning() {
  const { firstName, courses, curricula, otherCourses, stories, replies, certificates, next, today } = useLoaderData<typeof loader>();
  const others = [...otherCourses.filter((c) => c.state !== "completed"), ...otherCourses.filter((c) => c.state === "completed")];
  return (
    <>
      <PageHeader
        title="My learning"
        description={
          <>
            Welcome, {firstName}. <Summary courses={courses} curricula={curricula} />
          </>
        }
      />
      {courses.length > 0 ? <ContinueCard next={next} today={today} hasCertificates={certificates.length > 0} /> : null}
      <Certificates certificates={certificates} />
      {courses.length === 0 ? <EmptyState title="No courses yet">Your courses will appear here, with what is left and by when.</EmptyState> : null}
      {curricula.map((c) => (
        <section key={c.id} aria-labelledby={`curriculum-${c.id}`} className="mb-8">
          <h2 id={`curriculum-${c.id}`} className="text-lg font-semibold">
            {c.name}
          </h2>
          {c.description ? <p className="mt-1 text-sm text-slate-600">{c.description}</p> : null}
          {c.inOrder ? <p className="mt-1 text-sm text-slate-600">Take these courses in order: each opens when the required one before it is done.</p> : null}
          <div className="mt-3 max-w-md">
            <ProgressBar done={c.courses.filter((x) => x.state === "completed").length} total={c.courses.length} label={`${c.name} progress`} unit="courses" />
          </div>
          <ol aria-label={`${c.name} courses`} className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {c.courses.map((course, i) => (
              <AssignedCourse key={course.slug} course={course} index={i} today={today} />
            ))}
          </ol>
        </section>
      ))}
      {others.length > 0 ? (
        <>
          <h2 className="mb-3 text-lg font-semibold">{curricula.length > 0 ? "Other courses" : "Available courses"}</h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {others.map((c) => (
              <CourseCard key={c.slug} c={c} />
            ))}
          </ul>
        </>
      ) : null}
      {/* Learning first; then what changed because of what you said, and what colleagues said about you. */}
      <FeedbackReplies replies={replies} />
      <div className="mt-8">
        <StoriesAboutYou stories={stories} />
      </div>
    </>
  );
}
