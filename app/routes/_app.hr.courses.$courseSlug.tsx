import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { courseItemAnalysis, parseAttemptFilter, type CourseAnalysis } from "~/.server/analysis/course-analysis";
import { requireUser } from "~/.server/auth/require-user";
import { libraryCourse, type LessonKind, type LibraryCourse } from "~/.server/content/library";
import { feedbackCourseFor } from "~/.server/feedback/owners";
import { invariantResponse } from "~/.server/http";
import { BackLink, DataTable, EmptyState, PageHeader } from "~/components/ui";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "Course"} · Courses · Baton` }];

/** HR and managers read the course; only HR sees item analysis and links to curricula. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: ["HR", "MANAGER"] });
  const slug = params.courseSlug ?? "";
  const library = await libraryCourse(slug);
  invariantResponse(library, "Course not found");
  const hr = viewer.role === "HR";
  const analysis = hr ? await courseItemAnalysis(slug, parseAttemptFilter(new URL(request.url))) : null;
  return {
    ...library,
    hr,
    readsFeedback: feedbackCourseFor(viewer, slug) !== null,
    filter: analysis?.filter ?? "all",
    quizzes: analysis?.quizzes ?? null,
  };
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
      <Versions versions={page.versions} />
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
            <td className={cell}>
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

function Versions({ versions }: { versions: LibraryCourse["versions"] }) {
  return (
    <section aria-labelledby="versions-heading" className="mb-10">
      <h2 id="versions-heading" className="mb-1 text-lg font-semibold">
        Versions
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Each version is a hash of the course&apos;s files; learners&apos; completed lessons keep the version they completed.
      </p>
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
    </section>
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
