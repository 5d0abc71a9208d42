import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { listDirectReports } from "~/.server/people/people";
import { DataTable, EmptyState, PageHeader } from "~/components/ui";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "My team · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: "MANAGER" });
  return { reports: await listDirectReports(viewer.id) };
}

export default function MyTeam() {
  const { reports } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="My team" description="The people who report to you." />
      {reports.length === 0 ? (
        <EmptyState title="No one reports to you yet">When HR adds people to your team, they appear here.</EmptyState>
      ) : (
        <DataTable headers={["Name", "Job title", "Department", "Start date"]}>
              {reports.map((p) => (
                <tr key={p.id}>
                  <td className="px-4 py-3">
                    <div className="font-medium">{p.name}</div>
                    <div className="text-slate-500">{p.email}</div>
                  </td>
                  <td className="px-4 py-3">{p.jobTitle ?? "—"}</td>
                  <td className="px-4 py-3">{p.department ?? "—"}</td>
                  <td className="px-4 py-3">{formatDate(p.startDate)}</td>
                </tr>
              ))}
        </DataTable>
      )}
    </>
  );
}
