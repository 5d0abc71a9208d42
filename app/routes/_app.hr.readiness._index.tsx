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
import { FilterPanel } from "~/components/filter-panel";
import { Pagination } from "~/components/pagination";
import { READINESS_STATES } from "~/utils/readiness-states";

export const meta: MetaFunction = () => [{ title: "Readiness · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return hrReadinessReport(parseReportFilter(new URL(request.url)));
}

function GroupTable({
  title,
  groups,
}: {
  title: string;
  groups: { label: string; counts: Record<(typeof STATE_ORDER)[number], number> & { total: number } }[];
}) {
  // Only the states someone is in: nine mostly-empty columns would hide the ones that matter.
  const states = STATE_ORDER.filter((s) => groups.some((g) => g.counts[s] > 0));
  return (
    <section aria-label={title}>
      <h2 className="mb-2 font-semibold">{title}</h2>
      <DataTable headers={["", ...states.map((s) => stateName[s]), "Total"]} phone="scroll">
        {groups.map((g) => (
          <tr key={g.label}>
            <th scope="row" className="whitespace-nowrap px-4 py-2 text-left font-medium">
              {g.label}
            </th>
            {states.map((s) => (
              <td key={s} className="px-4 py-2">
                {g.counts[s]}
              </td>
            ))}
            <td className="px-4 py-2 font-semibold">{g.counts.total}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

const accountOptions = [
  { value: "invited", label: "Never signed in" },
  { value: "deactivated", label: "Deactivated" },
  { value: "all", label: "Active and deactivated" },
];
const sortOptions = [
  { value: "name", label: "Name" },
  { value: "start", label: "Start date, newest first" },
];

export default function ReadinessReport() {
  const report = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const query = params.toString();
  // Changing a filter starts again at page 1; the CSVs always export every page.
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.delete("page");
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const text = next.toString();
    return text ? `?${text}` : "?";
  };
  const csvQuery = (() => {
    const next = new URLSearchParams(params);
    next.delete("page");
    const text = next.toString();
    return text ? `?${text}` : "";
  })();
  const pageHref = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next}`;
  };
  // The panel's summary counts what narrows the list (sorting does not).
  const activeFilters = [...params.entries()].filter(([k, v]) => v !== "" && k !== "page" && k !== "sort").length;
  const first = (report.page - 1) * report.pageSize + 1;
  const last = Math.min(report.shown, report.page * report.pageSize);
  return (
    <>
      <PageHeader
        title="Readiness"
        description="Who is ready to serve customers, and for everyone else, why not."
        actions={
          <div className="flex flex-wrap gap-2">
            <a
              href={`/hr/readiness.csv${csvQuery}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
              download
            >
              Download CSV
            </a>
            <a
              href={`/hr/readiness-detail.csv${csvQuery}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
              download
            >
              Detailed CSV (per course)
            </a>
          </div>
        }
      />
      <FilterPanel active={activeFilters}>
        <Form method="get" role="search" aria-label="Filter the report" className="flex flex-wrap items-end gap-3">
          <FilterSelect
            label="State"
            name="state"
            value={report.filter.state}
            all="Any state"
            options={READINESS_STATES.map((s) => ({ value: s, label: stateName[s] }))}
          />
          <FilterSelect
            label="Department"
            name="department"
            value={report.filter.department}
            all="All departments"
            options={report.options.departments.map((d) => ({ value: d, label: d }))}
          />
          {report.options.locations.length > 0 ? (
            <FilterSelect
              label="Location"
              name="location"
              value={report.filter.location}
              all="All locations"
              options={report.options.locations.map((l) => ({ value: l, label: l }))}
            />
          ) : null}
          <FilterSelect
            label="Curriculum"
            name="curriculum"
            value={report.filter.curriculum}
            all="All curricula"
            options={report.options.curricula.map((c) => ({ value: c.id, label: c.name }))}
          />
          <FilterSelect label="Start month" name="cohort" value={report.filter.cohort} all="All start months" options={report.options.cohorts} />
          <FilterSelect label="Manager" name="manager" value={report.filter.manager} all="All managers" options={report.options.managers} />
          <FilterSelect
            label="Account"
            name="account"
            value={report.filter.account === "active" ? undefined : report.filter.account}
            all="Active accounts"
            options={accountOptions}
          />
          <FilterSelect
            label="Sort by"
            name="sort"
            value={report.filter.sort === "urgency" ? undefined : report.filter.sort}
            all="Who needs help first"
            options={sortOptions}
          />
          <Button type="submit" variant="secondary">
            Apply filters
          </Button>
          {query ? (
            <a href="/hr/readiness" className="py-2 text-sm text-brand-700 underline">
              Clear
            </a>
          ) : null}
        </Form>
      </FilterPanel>

      {report.shown > 0 ? (
        // On a phone the charts and tables above the list take several screens.
        <a href="#people-heading" className="mb-3 inline-block text-sm font-medium text-brand-700 underline sm:hidden">
          Skip to the list of people
        </a>
      ) : null}
      <StateTiles counts={report.counts} hrefFor={(s) => withParams({ state: s })} current={report.filter.state ?? null} />
      <StaleSignOffs rows={report.staleSignOffs.rows} days={report.staleSignOffs.days} />

      {report.shown === 0 ? (
        <div className="mt-6">
          <EmptyState title="No one matches these filters" />
        </div>
      ) : (
        <>
          <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
            <ReadinessStackedBars title="Readiness by department" rows={report.byDepartment.map((g) => ({ label: g.label, ...g.counts }))} />
            <CohortReadinessLines title="Share ready, by weeks since start (latest start months)" series={report.cohorts} weeks={8} />
          </div>
          <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
            <GroupTable title="By curriculum" groups={report.byCurriculum} />
            <GroupTable title="By start month" groups={report.byCohort} />
          </div>
          <h2 className="mb-2 mt-8 text-lg font-semibold" id="people-heading">
            People {report.shown > report.pageSize ? `${first}–${last} of ${report.shown}` : `(${report.shown})`}
          </h2>
          <ReadinessTable people={report.people} hrefFor={(id) => `/hr/readiness/${id}`} showManager />
          <Pagination page={report.page} pages={report.pages} hrefFor={pageHref} label="Pages of people" />
        </>
      )}
    </>
  );
}
