import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { COUNT_MONTHS, storyCounts } from "~/.server/stories/counts";
import { BackLink, DataTable, EmptyState, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Stories by department · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return { table: await storyCounts(new Date()), monthsBack: COUNT_MONTHS };
}

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const monthLabel = (key: string) => monthFormat.format(new Date(`${key}-01T00:00:00Z`));

export default function StoryCounts() {
  const { table, monthsBack } = useLoaderData<typeof loader>();
  const caption = `Service stories posted each month over the last ${monthsBack} months, by the department of the person each story is about`;
  return (
    <>
      <BackLink to="/stories">Service stories</BackLink>
      <PageHeader title="Stories by department" description={`${caption}. Hidden stories are not counted.`} />
      {table.rows.length === 0 ? (
        <EmptyState title={`No stories in the last ${monthsBack} months`} />
      ) : (
        <DataTable headers={["Department", ...table.months.map(monthLabel), "Total"]} caption={caption} phone="scroll">
          {table.rows.map((r) => (
            <tr key={r.department}>
              <th scope="row" className="px-4 py-3 text-left font-medium">
                {r.department}
              </th>
              {r.counts.map((n, i) => (
                <td key={table.months[i]} className="px-4 py-3 tabular-nums">
                  {n}
                </td>
              ))}
              <td className="px-4 py-3 font-semibold tabular-nums">{r.total}</td>
            </tr>
          ))}
          <tr className="bg-slate-50">
            <th scope="row" className="px-4 py-3 text-left font-semibold">
              All departments
            </th>
            {table.totals.map((n, i) => (
              <td key={table.months[i]} className="px-4 py-3 font-semibold tabular-nums">
                {n}
              </td>
            ))}
            <td className="px-4 py-3 font-semibold tabular-nums">{table.totals.reduce((a, b) => a + b, 0)}</td>
          </tr>
        </DataTable>
      )}
    </>
  );
}
