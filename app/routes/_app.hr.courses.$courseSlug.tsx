import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { courseItemAnalysis, parseAttemptFilter, type CourseAnalysis } from "~/.server/analysis/course-analysis";
import { requireUser } from "~/.server/auth/require-user";
import { invariantResponse } from "~/.server/http";
import { BackLink, DataTable, EmptyState, PageHeader } from "~/components/ui";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "Course"} · Item analysis · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const analysis = await courseItemAnalysis(params.courseSlug ?? "", parseAttemptFilter(new URL(request.url)));
  invariantResponse(analysis, "Course not found");
  return analysis;
}

type Quiz = CourseAnalysis["quizzes"][number];
type Item = Quiz["items"][number];

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50";

export default function CourseItemAnalysis() {
  const { course, filter, quizzes } = useLoaderData<typeof loader>();
  const query = filter === "first" ? "?attempts=first" : "";
  return (
    <>
      <BackLink to="/hr/courses">Courses</BackLink>
      <PageHeader
        title={`${course.title}: item analysis`}
        description="How each quiz question performs, from every submitted attempt with stored results."
        actions={
          <a href={`/hr/courses/${course.slug}/analysis.csv${query}`} className={linkClass} download>
            Download CSV
          </a>
        }
      />
      <nav aria-label="Attempts counted" className="mb-4 flex gap-2 text-sm">
        <FilterLink to={`/hr/courses/${course.slug}`} current={filter === "all"}>
          All attempts
        </FilterLink>
        <FilterLink to={`/hr/courses/${course.slug}?attempts=first`} current={filter === "first"}>
          First attempts only
        </FilterLink>
      </nav>
      <HowToRead />
      {quizzes.length === 0 ? <EmptyState title="This course has no quizzes" /> : quizzes.map((q) => <QuizSection key={q.lessonSlug} quiz={q} />)}
    </>
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
      <h2 id={headingId} className="text-lg font-semibold">
        Lesson {quiz.lessonNumber}: {quiz.lessonTitle}
      </h2>
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
