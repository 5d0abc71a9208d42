import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { invariantResponse } from "~/.server/http";
import { feedbackCoursesFor } from "~/.server/feedback/owners";
import { feedbackIndex } from "~/.server/feedback/report";
import { average } from "~/components/feedback-report";
import { DataTable, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Feedback · Baton" }];

/** The courses whose learner feedback the viewer reads: HR every course, an owner their own; anyone else 404. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const courses = feedbackCoursesFor(viewer);
  invariantResponse(courses.length > 0, "Not found");
  return { courses: await feedbackIndex(courses) };
}

export default function FeedbackIndex() {
  const { courses } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Feedback" description="What learners say about the courses you look after, and what you have done about it." />
      <DataTable
        headers={["Course", "Average rating (1–5)", "Ratings", "New comments"]}
        caption="Courses with their learner ratings and comments waiting for an answer"
      >
        {courses.map((c) => (
          <tr key={c.slug}>
            <th scope="row" className="px-4 py-3 text-left font-medium">
              <Link to={`/feedback/${c.slug}`} className="text-brand-700 hover:underline">
                {c.title}
              </Link>
            </th>
            <td className="px-4 py-3">{average(c.rating)}</td>
            <td className="px-4 py-3">{c.rating.count}</td>
            <td className="px-4 py-3">{c.newComments}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
