import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/.server/auth/require-user";
import { countArchivedCurricula, listCurricula } from "~/.server/curricula/curricula";
import { DataTable, EmptyState, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Curricula · Baton" }];

const FILTERS = [
  { value: "active", label: "Active" },
  { value: "archived", label: "Archived" },
  { value: "all", label: "All" },
] as const;

// An unknown value shows the default list rather than an error: the filter is a link, not a form to correct.
const ShowSchema = z.enum(["active", "archived", "all"]).catch("active");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const show = ShowSchema.parse(new URL(request.url).searchParams.get("show") ?? undefined);
  const [curricula, archivedCount] = await Promise.all([listCurricula(show), countArchivedCurricula()]);
  return { show, curricula, archivedCount };
}

const empty = {
  active: ["No active curricula", "Build one from the course library, then assign it to a department, a job title or named people."],
  archived: ["No archived curricula", "Archiving a curriculum keeps it here, ready to restore."],
  all: ["No curricula yet", "Build one from the course library, then assign it to a department, a job title or named people."],
} as const;

export default function Curricula() {
  const { show, curricula, archivedCount } = useLoaderData<typeof loader>();
  const [emptyTitle, emptyText] = empty[show];
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
      <nav aria-label="Show curricula" className="mb-4">
        <ul className="flex flex-wrap gap-2 text-sm">
          {FILTERS.map((f) => (
            <li key={f.value}>
              <Link
                to={f.value === "active" ? "/hr/curricula" : `/hr/curricula?show=${f.value}`}
                aria-current={show === f.value ? "page" : undefined}
                className="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 font-medium text-slate-700 hover:bg-slate-50 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
              >
                {f.label}
                {f.value === "archived" ? ` (${archivedCount})` : ""}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {curricula.length === 0 ? (
        <EmptyState title={emptyTitle}>{emptyText}</EmptyState>
      ) : (
        <DataTable headers={["Curriculum", "Courses", "Assigned by", "People"]} caption="Curricula">
          {curricula.map((c) => (
            <tr key={c.id} className={c.archivedAt ? "text-slate-500" : undefined}>
              <th scope="row" className="px-4 py-3 text-left font-normal">
                <Link to={`/hr/curricula/${c.id}`} className="font-medium text-brand-700 hover:underline">
                  {c.name}
                </Link>
                {c.archivedAt ? <span className="ml-2 text-xs font-semibold uppercase">Archived</span> : null}
                {c.description ? <div className="text-slate-500">{c.description}</div> : null}
              </th>
              <td className="px-4 py-3">
                {c.courseCount} ({c.requiredCount} required){c.inOrder ? " · in order" : ""}
              </td>
              <td className="px-4 py-3">{c.rules.length > 0 ? c.rules.join("; ") : "—"}</td>
              <td className="px-4 py-3">{c.people}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
