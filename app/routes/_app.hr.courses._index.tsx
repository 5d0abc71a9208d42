import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { courseAnalysisIndex } from "~/.server/analysis/course-analysis";
import { requireUser } from "~/.server/auth/require-user";
import { DataTable, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Courses · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return { courses: await courseAnalysisIndex() };
}

export default function Courses() {
  const { courses } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Courses" description="Every course in the library. Open one to see how each quiz question performs." />
      <DataTable headers={["Course", "Quizzes", "Submitted attempts"]} caption="Courses, with their quizzes and submitted quiz attempts">
        {courses.map((c) => (
          <tr key={c.slug}>
            <th scope="row" className="px-4 py-3 text-left font-medium">
              <Link to={`/hr/courses/${c.slug}`} className="text-brand-700 hover:underline">
                {c.title}
              </Link>
            </th>
            <td className="px-4 py-3">{c.quizzes === 0 ? "No quiz" : c.quizzes}</td>
            <td className="px-4 py-3">{c.attempts}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
