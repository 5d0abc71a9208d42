import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { myLearning } from "~/.server/progress/lesson-view";
import { ProgressBar, StateBadge } from "~/components/progress-bits";
import { EmptyState, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "My learning · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  return { firstName: viewer.name.split(" ")[0] ?? viewer.name, courses: await myLearning(viewer) };
}

export default function MyLearning() {
  const { firstName, courses } = useLoaderData<typeof loader>();
  const open = courses.filter((c) => c.state !== "completed");
  const done = courses.filter((c) => c.state === "completed");
  return (
    <>
      <PageHeader
        title="My learning"
        description={`Welcome, ${firstName}. ${open.length === 0 ? "You have finished every course here." : `${open.length} ${open.length === 1 ? "course" : "courses"} to go, about ${open.reduce((n, c) => n + c.minutesLeft, 0)} minutes in all.`}`}
      />
      {courses.length === 0 ? (
        <EmptyState title="No courses yet">Your courses will appear here, with what is left and by when.</EmptyState>
      ) : (
        <>
          <h2 className="mb-3 text-lg font-semibold">Available courses</h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {[...open, ...done].map((c) => (
              <li key={c.slug} className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
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
                <Link
                  to={c.nextLesson ? `/learn/${c.slug}/${c.nextLesson}` : `/learn/${c.slug}`}
                  className="mt-4 self-start rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
                  aria-label={`${c.state === "not_started" ? "Start" : c.state === "completed" ? "Review" : "Resume"} ${c.title}`}
                >
                  {c.state === "not_started" ? "Start" : c.state === "completed" ? "Review" : "Resume"}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
