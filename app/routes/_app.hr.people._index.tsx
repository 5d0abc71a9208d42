import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { listDepartments, listPeople } from "~/.server/people/people";
import { PeopleFilterSchema } from "~/.server/people/schema";
import { Button, DataTable, EmptyState, FilterSelect, PageHeader } from "~/components/ui";
import { formatDate, roleLabel } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "People · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const filter = PeopleFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [people, departments] = await Promise.all([listPeople(filter), listDepartments()]);
  return { people, departments, filter };
}

export default function People() {
  const { people, departments, filter } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="People"
        description="Everyone in Baton: new hires, managers and HR."
        actions={
          <Link to="/hr/people/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            Add a person
          </Link>
        }
      />
      <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <label className="text-sm">
          <span className="block font-medium">Search</span>
          <input name="q" defaultValue={filter.q ?? ""} placeholder="Name or email" className="mt-1 rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <FilterSelect label="Role" name="role" value={filter.role} all="Any role" options={(["LEARNER", "MANAGER", "HR"] as const).map((r) => ({ value: r, label: roleLabel[r] }))} />
        <FilterSelect label="Department" name="department" value={filter.department} all="Any department" options={departments.map((d) => ({ value: d, label: d }))} />
        <label className="text-sm">
          <span className="block font-medium">Status</span>
          <select name="status" defaultValue={filter.status} className="mt-1 rounded-md border border-slate-300 px-3 py-2">
            <option value="active">Active</option>
            <option value="deactivated">Deactivated</option>
            <option value="all">All</option>
          </select>
        </label>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </Form>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {people.length} {people.length === 1 ? "person" : "people"}
      </p>
      {people.length === 0 ? (
        <EmptyState title="No one matches these filters" />
      ) : (
        <DataTable headers={["Name", "Role", "Department", "Manager", "Start date"]}>
              {people.map((p) => (
                <tr key={p.id}>
                  <td className="px-4 py-3">
                    <Link to={`/hr/people/${p.id}`} className="font-medium text-brand-700 hover:underline">
                      {p.name}
                    </Link>
                    <div className="text-slate-500">{p.email}</div>
                    {p.deactivatedAt ? <span className="text-xs font-semibold text-red-700">Deactivated</span> : null}
                  </td>
                  <td className="px-4 py-3">{roleLabel[p.role]}</td>
                  <td className="px-4 py-3">{p.department ?? "—"}</td>
                  <td className="px-4 py-3">{p.manager?.name ?? "—"}</td>
                  <td className="px-4 py-3">{formatDate(p.startDate)}</td>
                </tr>
              ))}
        </DataTable>
      )}
    </>
  );
}
