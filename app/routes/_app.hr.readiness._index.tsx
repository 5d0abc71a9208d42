import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { hrReadinessReport, parseReportFilter } from "~/.server/readiness/hr-report";
import { CohortReadinessLines } from "~/components/charts/cohort-lines";
import { STATE_ORDER, stateName } from "~/components/charts/readiness-colors";
import { ReadinessStackedBars } from "~/components/charts/stacked-bars";
import { StateTiles } from "~/components/readiness";
import { StaleSignOffs } from "~/components/stale-signoffs";
import { ReadinessTable } from "~/components/readiness-table";
import { Button, DataTable, EmptyState, FilterSelect, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Readiness · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return hrReadinessReport(parseReportFilter(new URL(request.url)));
}


function GroupTable({ title, groups }: { title: string; groups: { label: string; counts: Record<(typeof STATE_ORDER)[number], number> & { total: number } }[] }) {
  return (
    <section aria-label={title}>
      <h2 className="mb-2 font-semibold">{title}</h2>
      <DataTable headers={["", ...STATE_ORDER.map((s) => stateName[s]), "Total"]}>
        {groups.map((g) => (
          <tr key={g.label}>
            <th scope="row" className="px-4 py-2 text-left font-medium">{g.label}</th>
            {STATE_ORDER.map((s) => (
              <td key={s} className="px-4 py-2">{g.counts[s]}</td>
            ))}
            <td className="px-4 py-2 font-semibold">{g.counts.total}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

export default function ReadinessReport() {
  const report = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const query = params.toString();
  const withState = (s: string) => {
    const next = new URLSearchParams(params);
    next.set("state", s);
    return `?${next}`;
  };
  return (
    <>
      <PageHeader
        title="Readiness"
        description="Who is ready to serve customers, and for everyone else, why not."
        actions={
          <div className="flex gap-2">
            <a href={`/hr/readiness.csv${query ? `?${query}` : ""}`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50" download>
              Download CSV
            </a>
            <a href={`/hr/readiness-detail.csv${query ? `?${query}` : ""}`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50" download>
              Detailed CSV (per course)
            </a>
          </div>
        }
      />
      <Form method="get" role="search" aria-label="Filter the report" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <FilterSelect label="Department" name="department" value={report.filter.department} all="All departments" options={report.options.departments.map((d) => ({ value: d, label: d }))} />
        <FilterSelect label="Curriculum" name="curriculum" value={report.filter.curriculum} all="All curricula" options={report.options.curricula.map((c) => ({ value: c.id, label: c.name }))} />
        <FilterSelect label="Start month" name="cohort" value={report.filter.cohort} all="All start months" options={report.options.cohorts} />
        <FilterSelect label="State" name="state" value={report.filter.state} all="Any state" options={STATE_ORDER.map((s) => ({ value: s, label: stateName[s] }))} />
        <Button type="submit" variant="secondary">Apply filters</Button>
        {query ? <a href="/hr/readiness" className="py-2 text-sm text-brand-700 underline">Clear</a> : null}
      </Form>

      <StateTiles counts={report.counts} hrefFor={withState} />
      <StaleSignOffs rows={report.staleSignOffs.rows} days={report.staleSignOffs.days} />

      {report.counts.total === 0 ? (
        <div className="mt-6"><EmptyState title="No one matches these filters" /></div>
      ) : (
        <>
          <div className="mt-6 grid gap-6 xl:grid-cols-2">
            <ReadinessStackedBars title="Readiness by department" rows={report.byDepartment.map((g) => ({ label: g.label, ...g.counts }))} />
            <CohortReadinessLines title="Share ready, by weeks since start (each start month)" series={report.cohorts} weeks={8} />
          </div>
          <div className="mt-6 grid gap-6 xl:grid-cols-2">
            <GroupTable title="By curriculum" groups={report.byCurriculum} />
            <GroupTable title="By start month" groups={report.byCohort} />
          </div>
          <h2 className="mb-2 mt-8 text-lg font-semibold">People ({report.people.length})</h2>
          <ReadinessTable people={report.people} hrefFor={(id) => `/hr/readiness/${id}`} showManager />
        </>
      )}
    </>
  );
}
