import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { clientIp } from "~/.server/http";
import { inviteMany } from "~/.server/people/invitation";
import { INVITE_BATCH_LIMIT, summarizeInvitations } from "~/.server/people/not-invited";
import { listDepartments, listLocations, listPeople, type AccountStanding } from "~/.server/people/people";
import { PeopleFilterSchema } from "~/.server/people/schema";
import { InvitationSummaryNotice } from "~/components/invitation-summary";
import { FilterPanel } from "~/components/filter-panel";
import { Button, DataTable, EmptyState, FilterSelect, Notice, PageHeader } from "~/components/ui";
import { formatDate, roleLabel } from "~/utils/format";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction = () => [{ title: "People · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const filter = PeopleFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [people, departments, locations] = await Promise.all([listPeople(filter), listDepartments(), listLocations()]);
  return { people, departments, locations, filter };
}

const InviteSchema = z.object({
  intent: z.literal("invite", { errorMap: () => ({ message: "Unknown action." }) }),
  personId: z
    .union([z.string(), z.array(z.string())], { errorMap: () => ({ message: "Choose at least one person to invite." }) })
    .transform((v) => [v].flat().filter(Boolean))
    .pipe(z.array(z.string().max(64)).min(1, "Choose at least one person to invite.").max(INVITE_BATCH_LIMIT, `At most ${INVITE_BATCH_LIMIT} people at once.`)),
});

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const parsed = parseForm(await readForm(request), InviteSchema);
  if (!parsed.ok)
    return data({ summary: null, error: parsed.errors.personId ?? parsed.errors.intent ?? "Choose at least one person to invite." }, { status: 400 });
  const outcomes = await inviteMany(parsed.data.personId, { actor: viewer, ip: clientIp(request) });
  return { summary: summarizeInvitations(outcomes), error: null };
}

function AccountCell({ account }: { account: AccountStanding }) {
  switch (account.kind) {
    case "active":
      return <span className="text-slate-600">Can sign in</span>;
    case "invited":
      return <span className="text-slate-600">Invited, link valid until {formatDate(account.until)}</span>;
    case "not-invited":
      return <span className="font-medium text-amber-800">Not invited yet</span>;
    case "deactivated":
      return <span className="font-semibold text-red-700">Deactivated</span>;
  }
}

/** Ticks or clears every box of the invitation form (a convenience: each box works without JavaScript). */
function selectAll(event: React.ChangeEvent<HTMLInputElement>) {
  const form = event.currentTarget.form;
  form?.querySelectorAll<HTMLInputElement>('input[name="personId"]').forEach((box) => (box.checked = event.currentTarget.checked));
}

export default function People() {
  const { people, departments, locations, filter } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
      <FilterPanel active={[filter.q, filter.role, filter.department, filter.location].filter(Boolean).length + (filter.status === "active" ? 0 : 1)}>
        <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            <span className="block font-medium">Search</span>
            <input name="q" defaultValue={filter.q ?? ""} placeholder="Name or email" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
          </label>
          <FilterSelect
            label="Role"
            name="role"
            value={filter.role}
            all="Any role"
            options={(["LEARNER", "MANAGER", "HR"] as const).map((r) => ({ value: r, label: roleLabel[r] }))}
          />
          <FilterSelect
            label="Department"
            name="department"
            value={filter.department}
            all="Any department"
            options={departments.map((d) => ({ value: d, label: d }))}
          />
          {locations.length > 0 ? (
            <FilterSelect
              label="Location"
              name="location"
              value={filter.location}
              all="Any location"
              options={locations.map((l) => ({ value: l, label: l }))}
            />
          ) : null}
          <label className="text-sm">
            <span className="block font-medium">Status</span>
            <select name="status" defaultValue={filter.status} className="mt-1 rounded-md border border-slate-300 px-3 py-2">
              <option value="active">Active</option>
              <option value="not-invited">Not invited yet</option>
              <option value="deactivated">Deactivated</option>
              <option value="all">All</option>
            </select>
          </label>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </Form>
      </FilterPanel>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {people.length} {people.length === 1 ? "person" : "people"}
      </p>
      <div className="mb-4 space-y-2" aria-live="polite">
        {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
        {actionData?.summary ? <InvitationSummaryNotice summary={actionData.summary} /> : null}
      </div>
      {people.length === 0 ? (
        <EmptyState title="No one matches these filters" />
      ) : (
        <Form method="post" aria-label="Invite people">
          <input type="hidden" name="intent" value="invite" />
          <div className="mb-3 flex flex-wrap items-center gap-3">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" onChange={selectAll} className="h-4 w-4" />
              Select everyone shown
            </label>
            <Button type="submit" variant="secondary">
              Invite selected
            </Button>
            <span className="text-sm text-slate-600">Each gets a one-time link to set a password (a reset link for those who can already sign in).</span>
          </div>
          <DataTable headers={["Select", "Name", "Role", "Department", "Location", "Manager", "Start date", "Account"]}>
            {people.map((p) => (
              <tr key={p.id}>
                <td className="px-4 py-3">
                  {p.deactivatedAt ? null : <input type="checkbox" name="personId" value={p.id} aria-label={`Select ${p.name}`} className="h-4 w-4" />}
                </td>
                <td className="px-4 py-3 max-sm:col-span-2">
                  <Link to={`/hr/people/${p.id}`} className="font-medium text-brand-700 hover:underline">
                    {p.name}
                  </Link>
                  <div className="text-slate-500">{p.email}</div>
                </td>
                <td className="px-4 py-3">{roleLabel[p.role]}</td>
                <td className="px-4 py-3">{p.department ?? "—"}</td>
                <td className="px-4 py-3">{p.location ?? "—"}</td>
                <td className="px-4 py-3">{p.manager?.name ?? "—"}</td>
                <td className="px-4 py-3">{formatDate(p.startDate)}</td>
                <td className="px-4 py-3">
                  <AccountCell account={p.account} />
                </td>
              </tr>
            ))}
          </DataTable>
        </Form>
      )}
    </>
  );
}
