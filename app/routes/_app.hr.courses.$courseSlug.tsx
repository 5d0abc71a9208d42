import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { courseItemAnalysis, parseAttemptFilter, type CourseAnalysis } from "~/.server/analysis/course-analysis";
import { requireUser } from "~/.server/auth/require-user";
import { libraryCourse, type LessonKind, type LibraryCourse } from "~/.server/content/library";
import { applyPendingVersion, REVIEW_DAYS } from "~/.server/content/versions/apply";
import { courseVersions } from "~/.server/content/versions/recorded";
import { feedbackCourseFor } from "~/.server/feedback/owners";
import { parseForm } from "~/.server/forms/parse";
import { readForm } from "~/.server/forms/read";
import { invariantResponse } from "~/.server/http";
import { BackLink, Button, DataTable, EmptyState, Notice, PageHeader } from "~/components/ui";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "Course"} · Courses · Baton` }];

/** HR and managers read the course; only HR sees item analysis and links to curricula. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: ["HR", "MANAGER"] });
  const slug = params.courseSlug ?? "";
  const [library, recorded] = await Promise.all([libraryCourse(slug), courseVersions(slug)]);
  invariantResponse(library && recorded, "Course not found");
  const hr = viewer.role === "HR";
  const analysis = hr ? await courseItemAnalysis(slug, parseAttemptFilter(new URL(request.url))) : null;
  return {
    ...library,
    ...recorded,
    reviewDays: REVIEW_DAYS,
    hr,
    readsFeedback: feedbackCourseFor(viewer, slug) !== null,
    filter: analysis?.filter ?? "all",
    quizzes: analysis?.quizzes ?? null,
  };
}

const ApplySchema = z.object({ version: z.string().trim().min(1).max(64) });

/** HR applies the catalog's version of the course: it is recorded, and its material changes re-open lessons. */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const slug = params.courseSlug ?? "";
  const parsed = parseForm(await readForm(request), ApplySchema);
  if (!parsed.ok) return data({ error: "The form did not say which version to apply: reload the page and try again.", message: null }, { status: 400 });
  const outcome = await applyPendingVersion(slug, parsed.data.version, viewer, new Date());
  switch (outcome.kind) {
    case "not-found":
      throw new Response("Course not found", { status: 404 });
    case "stale":
      return data(
        { error: "The course changed again since this page was shown: check the pending version below, then apply it.", message: null },
        { status: 409 },
      );
    case "already-applied":
      return { error: null, message: "This version was already applied: nothing changed." };
    case "applied":
      throw redirect(`/hr/courses/${slug}?applied=${encodeURIComponent(parsed.data.version)}#versions`);
  }
}

type Quiz = CourseAnalysis["quizzes"][number];
type Item = Quiz["items"][number];

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50";
const cell = "px-4 py-3";

const kindLabel: Record<LessonKind, string> = { reading: "Reading", quiz: "Quiz", practice: "Practice", scenario: "Scenario" };

export default function CoursePage() {
  const page = useLoaderData<typeof loader>();
  const { course, lessons } = page;
  const first = lessons[0];
  return (
    <>
      <BackLink to="/hr/courses">Courses</BackLink>
      <PageHeader
        title={course.title}
        description={course.summary}
        actions={
          <div className="flex flex-wrap gap-2">
            {first ? (
              <Link to={`/hr/courses/${course.slug}/preview/${first.slug}`} className={linkClass}>
                Preview as a learner
              </Link>
            ) : null}
            {page.readsFeedback ? (
              <Link to={`/feedback/${course.slug}`} className={linkClass}>
                Learner feedback
              </Link>
            ) : null}
            {page.hr ? (
              <a href="#item-analysis" className={linkClass}>
                Item analysis
              </a>
            ) : null}
          </div>
        }
      />
      <CourseFacts page={page} />
      <Lessons course={course} lessons={lessons} />
      <Curricula curricula={page.curricula} hr={page.hr} />
      <Versions page={page} />
      {page.quizzes ? <ItemAnalysis slug={course.slug} filter={page.filter} quizzes={page.quizzes} /> : null}
    </>
  );
}

function CourseFacts({ page }: { page: Pick<LibraryCourse, "course" | "lessons" | "curricula" | "holders" | "completed"> }) {
  const facts = [
    ["Audience", page.course.audience],
    ["Owner", page.course.owner],
    ["Estimated time", `${page.course.minutes} min`],
    ["Lessons", String(page.lessons.length)],
    ["Curricula using it", String(page.curricula.length)],
    ["People holding it", String(page.holders)],
    ["Completed", String(page.completed)],
  ];
  return (
    <dl className="mb-8 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
      {facts.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
          <dt className="text-sm text-slate-600">{label}</dt>
          <dd className="font-semibold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Lessons({ course, lessons }: Pick<LibraryCourse, "course" | "lessons">) {
  return (
    <section aria-labelledby="lessons-heading" className="mb-10">
      <h2 id="lessons-heading" className="mb-3 text-lg font-semibold">
        Lessons and objectives
      </h2>
      <DataTable headers={["Lesson", "Kind", "Time", "Learners will"]} caption={`Lessons of ${course.title}, in order`}>
        {lessons.map((l) => (
          <tr key={l.slug} className="align-top">
            <th scope="row" className={`${cell} text-left font-medium`}>
              {l.number}. {l.title}
              <Link to={`/hr/courses/${course.slug}/preview/${l.slug}`} className="mt-1 block text-sm font-normal text-brand-700 hover:underline">
                Preview<span className="sr-only"> {l.title}</span>
              </Link>
            </th>
            <td className={cell}>{kindLabel[l.kind]}</td>
            <td className={`${cell} whitespace-nowrap`}>{l.minutes} min</td>
            <td className={`${cell} max-sm:col-span-2`}>
              <ul className="list-disc space-y-1 pl-4">
                {l.objectives.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function Curricula({ curricula, hr }: { curricula: LibraryCourse["curricula"]; hr: boolean }) {
  return (
    <section aria-labelledby="curricula-heading" className="mb-10">
      <h2 id="curricula-heading" className="mb-3 text-lg font-semibold">
        Curricula that use it
      </h2>
      {curricula.length === 0 ? (
        <p className="text-slate-600">No active curriculum uses this course.</p>
      ) : (
        <ul className="space-y-1">
          {curricula.map((c) => (
            <li key={c.id}>
              {hr ? (
                <Link to={`/hr/curricula/${c.id}`} className="font-medium text-brand-700 hover:underline">
                  {c.name}
                </Link>
              ) : (
                <span className="font-medium">{c.name}</span>
              )}{" "}
              <span className="text-slate-600">· {c.required ? "required" : "optional"}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Change = Page["history"][number]["changes"][number];

const changeLabel = (c: Pick<Change, "kind" | "material">) =>
  c.kind === "changed" ? (c.material ? "Material" : "Minor") : c.kind === "added" ? "Added" : "Removed";
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function Versions({ page }: { page: Page }) {
  const [searchParams] = useSearchParams();
  const result = useActionData<typeof action>();
  const applied = searchParams.get("applied");
  const latest = page.history[0];
  const justApplied = applied && latest?.version === applied && !result ? latest : null;
  return (
    <section id="versions" aria-labelledby="versions-heading" className="mb-10 space-y-4">
      <div>
        <h2 id="versions-heading" className="mb-1 text-lg font-semibold">
          Versions
        </h2>
        <p className="text-sm text-slate-600">
          Each build of the course is a version. Applying one records it; a material change to a lesson re-opens it for the people who completed it, minor edits
          re-open nothing.
        </p>
      </div>
      {justApplied ? (
        <Notice tone="success">
          {justApplied.first
            ? "Version recorded as the course's first: nothing re-opened."
            : justApplied.reopenedPeople === 0
              ? "Version applied: nothing re-opened."
              : `Version applied: ${plural(justApplied.reopenedLessons, "lesson")} re-opened for ${plural(justApplied.reopenedPeople, "person", "people")}, who have been told.`}
        </Notice>
      ) : null}
      {result?.message ? <Notice tone="success">{result.message}</Notice> : null}
      {result?.error ? <Notice tone="error">{result.error}</Notice> : null}
      {page.pending ? <PendingVersion pending={page.pending} hr={page.hr} reviewDays={page.reviewDays} /> : null}
      <VersionHistory history={page.history} />
      <CompletedIn versions={page.versions} />
    </section>
  );
}

function PendingVersion({ pending, hr, reviewDays }: { pending: NonNullable<Page["pending"]>; hr: boolean; reviewDays: number }) {
  const busy = useNavigation().state === "submitting";
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 className="font-semibold">
        Pending version <code className="text-sm font-normal">{pending.version.slice(0, 8)}</code>
      </h3>
      {pending.first ? (
        <p className="mt-1 text-sm">No version of this course is recorded yet. Applying records this one as the first: nothing re-opens.</p>
      ) : pending.changes.length === 0 ? (
        <p className="mt-1 text-sm">Only the course&apos;s own files changed (its front page or changelog): no lesson changed and nothing re-opens.</p>
      ) : (
        <>
          <p className="mt-1 text-sm">
            {pending.people === 0
              ? "Applying re-opens nothing: no one completed a lesson this changes materially."
              : `Applying re-opens lessons for ${plural(pending.people, "person", "people")}, who will be told and have ${reviewDays} days to review them.`}
          </p>
          <div className="mt-3">
            <DataTable headers={["Lesson", "Change", "Note", "Would re-open"]} caption="What changed since the last applied version">
              {pending.changes.map((c) => (
                <tr key={c.slug} className="align-top">
                  <th scope="row" className="px-4 py-3 text-left font-medium">
                    {c.title}
                  </th>
                  <td className="px-4 py-3">{changeLabel(c)}</td>
                  <td className="px-4 py-3 max-sm:col-span-2">
                    {c.note}
                    {c.changedOn ? <span className="block text-xs text-slate-600">Changed on {formatDate(c.changedOn)}</span> : null}
                  </td>
                  <td className="px-4 py-3">{c.kind === "changed" && c.material ? plural(c.people, "person", "people") : "Nothing"}</td>
                </tr>
              ))}
            </DataTable>
          </div>
        </>
      )}
      {hr ? (
        <Form method="post" className="mt-3">
          <input type="hidden" name="version" value={pending.version} />
          <Button type="submit" disabled={busy}>
            Apply this version
          </Button>
        </Form>
      ) : (
        <p className="mt-3 text-sm text-slate-600">HR applies it.</p>
      )}
    </div>
  );
}

function VersionHistory({ history }: { history: Page["history"] }) {
  return (
    <div>
      <h3 className="mb-2 font-semibold">History</h3>
      {history.length === 0 ? (
        <p className="text-sm text-slate-600">No version of this course has been applied yet.</p>
      ) : (
        <DataTable headers={["Applied", "By", "Lessons changed", "Re-opened"]} caption="Course versions applied, newest first">
          {history.map((v) => (
            <tr key={v.id} className="align-top">
              <th scope="row" className={`${cell} text-left font-medium`}>
                {formatDate(v.appliedAt)}
                <code className="block text-xs font-normal text-slate-600">{v.version.slice(0, 8)}</code>
              </th>
              <td className={cell}>{v.appliedBy ?? "Deploy script"}</td>
              <td className={cell}>
                {v.first ? (
                  "First recorded version"
                ) : v.changes.length === 0 ? (
                  "No lesson changed"
                ) : (
                  <ul className="space-y-1">
                    {v.changes.map((c) => (
                      <li key={c.slug}>
                        <span className="font-medium">{c.title}</span> · {changeLabel(c)}
                        <span className="block text-xs text-slate-600">{c.note}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className={cell}>
                {v.reopenedPeople === 0 ? "Nothing" : `${plural(v.reopenedLessons, "lesson")} for ${plural(v.reopenedPeople, "person", "people")}`}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

function CompletedIn({ versions }: { versions: LibraryCourse["versions"] }) {
  return (
    <div>
      <h3 className="mb-2 font-semibold">Completed in</h3>
      <p className="mb-3 text-sm text-slate-600">Learners&apos; completed lessons keep the version they completed.</p>
      <DataTable headers={["Version", "People who completed lessons in it", "Lesson completions"]} caption="Course versions learners completed lessons in">
        {versions.map((v) => (
          <tr key={v.version}>
            <th scope="row" className={`${cell} text-left font-medium`}>
              <code>{v.version.slice(0, 8)}</code>
              {v.current ? <span className="ml-2 text-xs font-semibold uppercase text-green-800">Current</span> : null}
            </th>
            <td className={cell}>{v.people}</td>
            <td className={cell}>{v.lessonCompletions}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function ItemAnalysis({ slug, filter, quizzes }: { slug: string; filter: string; quizzes: Quiz[] }) {
  const query = filter === "first" ? "?attempts=first" : "";
  return (
    <section aria-labelledby="item-analysis" className="border-t border-slate-200 pt-8">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="item-analysis" className="text-xl font-bold">
            Item analysis
          </h2>
          <p className="mt-1 text-slate-600">How each quiz question performs, from every submitted attempt with stored results.</p>
        </div>
        <a href={`/hr/courses/${slug}/analysis.csv${query}`} className={linkClass} download>
          Download CSV
        </a>
      </div>
      <nav aria-label="Attempts counted" className="mb-4 flex gap-2 text-sm">
        <FilterLink to={`/hr/courses/${slug}#item-analysis`} current={filter === "all"}>
          All attempts
        </FilterLink>
        <FilterLink to={`/hr/courses/${slug}?attempts=first#item-analysis`} current={filter === "first"}>
          First attempts only
        </FilterLink>
      </nav>
      <HowToRead />
      {quizzes.length === 0 ? <EmptyState title="This course has no quizzes" /> : quizzes.map((q) => <QuizSection key={q.lessonSlug} quiz={q} />)}
    </section>
  );
}

function FilterLink({ to, current, children }: { to: string; current: boolean; children: string }) {
  const style = current ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-100";
  return (
    <Link to={to} aria-current={current ? "page" : undefined} className={`rounded-md px-3 py-2 ${style}`}>
      {children}
    </Link>
  );
}

function HowToRead() {
  return (
    <details className="mb-8 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <summary className="cursor-pointer font-semibold">How to read this</summary>
      <dl className="mt-3 space-y-2">
        <dt className="font-medium">Facility</dt>
        <dd className="text-slate-700">The share of answers that were right. Partial credit counts in part.</dd>
        <dt className="font-medium">Discrimination</dt>
        <dd className="text-slate-700">
          From −1 to 1: do people who do well on the rest of the quiz get this question right more often? Above 0.3 the question tells strong and weak learners
          apart; near 0 it says little; below 0 the key may be wrong.
        </dd>
        <dt className="font-medium">Options chosen</dt>
        <dd className="text-slate-700">
          How many answers picked each option, in the quiz file&apos;s order. Several may be picked in a multiple-response question.
        </dd>
        <dt className="font-medium">Flags</dt>
        <dd className="text-slate-700">Warnings worth a look. With fewer than 10 answers a question is not judged at all.</dd>
      </dl>
    </details>
  );
}

function QuizSection({ quiz }: { quiz: Quiz }) {
  const headingId = `quiz-${quiz.lessonSlug}`;
  const figures = [
    ["Attempts", String(quiz.attempts)],
    ["People", String(quiz.people)],
    ["Mean score", quiz.meanScore === null ? "—" : `${Math.round(quiz.meanScore)}%`],
    ["Pass rate", percent(quiz.passRate)],
    ["Pass mark", `${quiz.passMark}%`],
  ];
  return (
    <section aria-labelledby={headingId} className="mb-10">
      <h3 id={headingId} className="text-lg font-semibold">
        Lesson {quiz.lessonNumber}: {quiz.lessonTitle}
      </h3>
      <dl className="my-3 grid grid-cols-2 gap-3 sm:grid-cols-5">
        {figures.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="text-xl font-bold">{value}</dd>
          </div>
        ))}
      </dl>
      <DataTable
        headers={["Question", "Answers", "Facility (share right)", "Discrimination", "Options chosen", "Flags"]}
        caption={`Questions in lesson ${quiz.lessonNumber}, ${quiz.lessonTitle}`}
      >
        {quiz.items.map((item) => (
          <ItemRow key={item.id} item={item} />
        ))}
      </DataTable>
    </section>
  );
}

function ItemRow({ item }: { item: Item }) {
  return (
    <tr className="align-top">
      <th scope="row" className="max-w-xs px-4 py-3 text-left font-medium">
        {item.prompt}
        {item.inQuiz ? null : <span className="mt-1 block text-xs font-semibold uppercase text-amber-800">No longer in the quiz</span>}
      </th>
      <td className="px-4 py-3">{item.n}</td>
      <td className="px-4 py-3">{percent(item.facility)}</td>
      <td className="px-4 py-3">{item.discrimination === null ? "—" : item.discrimination.toFixed(2)}</td>
      <td className="px-4 py-3">
        <ul className="space-y-1.5">
          {item.options.map((o) => (
            <li key={o.source} className="min-w-56">
              <span className="font-semibold">{o.label}.</span> {o.text}
              {o.correct ? <span className="ml-1 font-semibold text-green-800">(correct)</span> : null}
              <span className="mt-0.5 flex items-center gap-2 text-xs text-slate-600">
                <span aria-hidden="true" className="h-1.5 w-24 overflow-hidden rounded-full bg-slate-200">
                  <span className={`block h-full ${o.correct ? "bg-green-600" : "bg-slate-500"}`} style={{ width: percent(o.share ?? 0) }} />
                </span>
                {o.count} ({percent(o.share)})
              </span>
            </li>
          ))}
          {item.blank > 0 ? <li className="text-xs text-slate-600">Left blank: {item.blank}</li> : null}
        </ul>
      </td>
      <td className="px-4 py-3">
        {item.flags.length === 0 ? (
          <span className="text-slate-600">None</span>
        ) : (
          <ul className="list-disc space-y-1 pl-4">
            {item.flags.map((f) => (
              <li key={f.message}>{f.message}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
