import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { listCurricula } from "~/.server/curricula/curricula";
import { EmptyState, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Curricula · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return { curricula: await listCurricula() };
}

export default function Curricula() {
  const { curricula } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Curricula"
        description="Onboarding paths: ordered courses with due dates, assigned to people or to whole groups."
        actions={
          <Link to="/hr/curricula/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            New curriculum
          </Link>
        }
      />
      {curricula.length === 0 ? (
        <EmptyState title="No curricula yet">Build one from the course library, then assign it to a department, a job title or named people.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Curriculum
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Courses
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Assigned by
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  People
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {curricula.map((c) => (
                <tr key={c.id} className={c.archivedAt ? "text-slate-500" : undefined}>
                  <td className="px-4 py-3">
                    <Link to={`/hr/curricula/${c.id}`} className="font-medium text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                    {c.archivedAt ? <span className="ml-2 text-xs font-semibold uppercase">Archived</span> : null}
                    {c.description ? <div className="text-slate-500">{c.description}</div> : null}
                  </td>
                  <td className="px-4 py-3">
                    {c.courseCount} ({c.requiredCount} required){c.inOrder ? " · in order" : ""}
                  </td>
                  <td className="px-4 py-3">{c.rules.length > 0 ? c.rules.join("; ") : "—"}</td>
                  <td className="px-4 py-3">{c.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
