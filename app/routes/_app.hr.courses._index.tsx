import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { courseAnalysisIndex } from "~/.server/analysis/course-analysis";
import { requireUser } from "~/.server/auth/require-user";
import { courseLibrary } from "~/.server/content/library";
import { unrecordedVersions } from "~/.server/content/versions/recorded";
import { Button, DataTable, EmptyState, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Courses · Baton" }];

const SearchSchema = z.string().trim().max(100).catch("");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: ["HR", "MANAGER"] });
  const search = SearchSchema.parse(new URL(request.url).searchParams.get("q") ?? "");
  const [courses, analysis, unrecorded] = await Promise.all([courseLibrary(search), viewer.role === "HR" ? courseAnalysisIndex() : [], unrecordedVersions()]);
  // HR also sees how many quiz attempts each course's item analysis counts.
  const attempts = new Map(analysis.map((a) => [a.slug, a.attempts]));
  return {
    search,
    hr: viewer.role === "HR",
    courses: courses.map((c) => ({ ...c, attempts: attempts.get(c.slug) ?? null, changePending: unrecorded.get(c.slug) === "change" })),
  };
}

const cell = "px-4 py-3";

export default function Courses() {
  const { search, hr, courses } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Courses"
        description="The course library: what each course covers, who it is for, which curricula use it and how many people hold and completed it."
      />
      <Form method="get" role="search" aria-label="Courses" className="mb-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="course-search" className="block text-sm font-medium text-slate-800">
            Search by title
          </label>
          <input
            id="course-search"
            type="search"
            name="q"
            defaultValue={search}
            maxLength={100}
            className="mt-1 block w-full rounded-md sm:w-72 border border-slate-300 bg-white px-3 py-2 shadow-sm"
          />
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {search ? (
          <Link to="/hr/courses" className="py-2 text-sm text-brand-700 hover:underline">
            Show every course
          </Link>
        ) : null}
      </Form>
      {courses.length === 0 ? (
        <EmptyState title="No course matches">Try another word from the course&apos;s title.</EmptyState>
      ) : (
        <DataTable
          headers={[
            "Course",
            "Audience",
            "Owner",
            "Lessons",
            "Time",
            "Version",
            "Curricula",
            "People holding it",
            "Completed",
            ...(hr ? ["Quiz attempts"] : []),
          ]}
          caption="Courses in the library, with their use"
        >
          {courses.map((c) => (
            <tr key={c.slug}>
              <th scope="row" className={`${cell} text-left font-medium`}>
                <Link to={`/hr/courses/${c.slug}`} className="text-brand-700 hover:underline">
                  {c.title}
                </Link>
              </th>
              <td className={cell}>{c.audience}</td>
              <td className={cell}>{c.owner}</td>
              <td className={cell}>{c.lessons}</td>
              <td className={`${cell} whitespace-nowrap`}>{c.minutes} min</td>
              <td className={cell}>
                <code title={c.version}>{c.version.slice(0, 8)}</code>
                {c.changePending ? (
                  <Link
                    to={`/hr/courses/${c.slug}#versions`}
                    className="mt-1 block whitespace-nowrap text-xs font-semibold uppercase text-amber-800 hover:underline"
                  >
                    Change pending<span className="sr-only"> in {c.title}</span>
                  </Link>
                ) : null}
              </td>
              <td className={cell}>{c.curricula}</td>
              <td className={cell}>{c.holders}</td>
              <td className={cell}>{c.completed}</td>
              {hr ? <td className={cell}>{c.quizzes === 0 ? "No quiz" : c.attempts}</td> : null}
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
