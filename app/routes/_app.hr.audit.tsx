import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { auditLogPage, auditQueryString, parseAuditQuery } from "~/.server/audit/log";
import { FilterPanel } from "~/components/filter-panel";
import { Pagination } from "~/components/pagination";
import { Button, DataTable, EmptyState, Field, FilterSelect, PageHeader } from "~/components/ui";
import { formatDateTime } from "~/utils/date-time";

export const meta: MetaFunction = () => [{ title: "Audit log · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const { filter, page } = parseAuditQuery(new URL(request.url).searchParams);
  const log = await auditLogPage(filter, page);
  return { ...log, query: auditQueryString(filter) };
}

const linkStyle = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50";

export default function AuditLog() {
  const log = useLoaderData<typeof loader>();
  const { filter, named, query } = log;
  // Clicking a name narrows to that person, keeping the other filters and starting at page 1.
  const narrowed = (key: "actor" | "subject", id: string) => {
    const next = new URLSearchParams(query);
    next.set(key, id);
    return `?${next}`;
  };
  const pageHref = (page: number) => `?${new URLSearchParams([...new URLSearchParams(query), ["page", String(page)]])}`;
  const first = (log.page - 1) * log.pageSize + 1;
  const last = Math.min(log.total, log.page * log.pageSize);
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Who did what in Baton, and to whom. Times are in ${log.timeZone}.`}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={`/hr/audit.csv${query ? `?${query}` : ""}`} className={linkStyle} download>
              Download CSV
            </a>
            <Link to="/hr/settings/audit" className={linkStyle}>
              How long events are kept
            </Link>
          </div>
        }
      />
      <FilterPanel active={[...new URLSearchParams(query).keys()].length}>
        {/* Keyed by the filter so the fields show it again after each search. */}
        <Form key={query} method="get" role="search" aria-label="Filter the audit log" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Field
            label="Who"
            name="actor"
            defaultValue={named.actor?.email ?? filter.actor ?? ""}
            hint="The e-mail of the person who acted (or part of it)"
            autoComplete="off"
          />
          <Field
            label="About"
            name="subject"
            defaultValue={named.subject?.email ?? filter.subject ?? ""}
            hint="A person's e-mail, or text in what was changed"
            autoComplete="off"
          />
          <FilterSelect label="Action" name="action" value={filter.action} all="Any action" options={log.actions} />
          <Field label="From" name="from" type="date" defaultValue={filter.from ?? ""} />
          <Field label="To" name="to" type="date" defaultValue={filter.to ?? ""} hint="Both days included" />
          <div className="flex items-end gap-3">
            <Button type="submit" variant="secondary">
              Apply filters
            </Button>
            {query ? (
              <Link to="/hr/audit" className="py-2 text-sm text-brand-700 underline">
                Clear
              </Link>
            ) : null}
          </div>
        </Form>
      </FilterPanel>

      {log.total === 0 ? (
        <EmptyState title={query ? "No events match these filters" : "No events yet"}>
          {query ? (
            <Link to="/hr/audit" className="text-brand-700 underline">
              Show all events
            </Link>
          ) : (
            "Sign-ins, changes to people and settings, and refusals appear here as they happen."
          )}
        </EmptyState>
      ) : (
        <>
          <h2 className="mb-2 text-lg font-semibold">Events {log.total > log.pageSize ? `${first}–${last} of ${log.total}` : `(${log.total})`}</h2>
          <DataTable headers={["When", "Who", "What", "About", "IP address", "Details"]} caption="Audit events, newest first">
            {log.events.map((e) => (
              <tr key={e.id} className="align-top">
                <td className="whitespace-nowrap px-4 py-3">{formatDateTime(e.at, log.timeZone)}</td>
                <td className="px-4 py-3">
                  {e.actor?.id ? (
                    <Link
                      to={narrowed("actor", e.actor.id)}
                      className="font-medium text-brand-700 hover:underline"
                      aria-label={`Only events by ${e.actor.name}`}
                    >
                      {e.actor.name}
                    </Link>
                  ) : null}
                  <div className="text-slate-500">{e.actor?.email ?? "—"}</div>
                </td>
                <td className="px-4 py-3">
                  <div>
                    {e.label}
                    {e.count > 1 ? (
                      <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{e.count} times</span>
                    ) : null}
                  </div>
                  {e.label !== e.action ? <div className="text-xs text-slate-500">{e.action}</div> : null}
                </td>
                <td className="px-4 py-3">
                  {e.subject ? (
                    <>
                      <Link
                        to={narrowed("subject", e.subject.id)}
                        className="font-medium text-brand-700 hover:underline"
                        aria-label={`Only events about ${e.subject.name}`}
                      >
                        {e.subject.name}
                      </Link>
                      <div className="text-slate-500">{e.subject.email}</div>
                      {e.target && e.target !== e.subject.email ? <div className="text-xs text-slate-500">recorded as {e.target}</div> : null}
                    </>
                  ) : (
                    <span className="break-words">{e.target ?? "—"}</span>
                  )}
                </td>
                <td className="px-4 py-3 tabular-nums">{e.ip ?? "—"}</td>
                <td className="max-w-xs break-words px-4 py-3 text-slate-700 max-sm:col-span-2">{e.details}</td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={log.page} pages={log.pages} hrefFor={pageHref} label="Pages of audit events" />
        </>
      )}
    </>
  );
}
