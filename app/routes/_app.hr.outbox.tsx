import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { clientIp } from "~/.server/http";
import { orgSettings } from "~/.server/notifications/settings";
import { OutboxQuerySchema, outboxPage, retryAllFailed, retryMessage } from "~/.server/outbox/admin";
import { mailStatus, type MailStatus } from "~/.server/outbox/transport";
import { Pagination } from "~/components/pagination";
import { Button, DataTable, EmptyState, Notice, PageHeader } from "~/components/ui";
import { formatDateTime } from "~/utils/date-time";
import { OUTBOX_FILTERS, type OutboxFilter } from "~/utils/outbox-filters";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction = () => [{ title: "Outbox · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const query = OutboxQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [outbox, settings] = await Promise.all([outboxPage(query), orgSettings()]);
  return { outbox, mail: mailStatus(), timeZone: settings.timeZone };
}

const ActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("retry"),
      id: z.string({ required_error: "Which message? The form did not say." }).trim().min(1, "Which message? The form did not say.").max(64),
    }),
    z.object({ intent: z.literal("retry-all") }),
  ],
  {
    errorMap: (issue, ctx) => ({
      message: issue.code === "invalid_union_discriminator" ? "This form asked for something the Outbox page does not do." : ctx.defaultError,
    }),
  },
);

const retryMessages = {
  ok: { status: 200, message: "Back in the queue: it goes out with the next delivery." },
  "not-found": { status: 404, message: "That message was not found." },
  "not-failed": { status: 409, message: "That message has not failed (it may have been retried already)." },
} as const;

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const parsed = parseForm(await readForm(request), ActionSchema);
  if (!parsed.ok) return data({ ok: false, message: Object.values(parsed.errors)[0] ?? "Unreadable form." }, { status: 400 });
  const ctx = { actor: viewer, ip: clientIp(request), now: new Date() };
  if (parsed.data.intent === "retry-all") {
    const count = await retryAllFailed(ctx);
    return { ok: true, message: count === 0 ? "No failed messages to retry." : `${count} ${count === 1 ? "message is" : "messages are"} back in the queue.` };
  }
  const outcome = await retryMessage(parsed.data.id, ctx);
  const { status, message } = retryMessages[outcome.kind];
  return data({ ok: outcome.kind === "ok", message }, { status });
}

const tabLabel: Record<OutboxFilter, string> = { all: "All", pending: "Waiting", failed: "Failed", sent: "Sent" };
const statusLabel: Record<string, string> = { PENDING: "Waiting", SENDING: "Sending", SENT: "Sent", FAILED: "Failed" };
const statusStyle: Record<string, string> = {
  PENDING: "bg-slate-100 text-slate-800",
  SENDING: "bg-brand-50 text-brand-900",
  SENT: "bg-green-100 text-green-900",
  FAILED: "bg-red-100 text-red-900",
};

function MailPanel({ mail, timeZone }: { mail: MailStatus; timeZone: string }) {
  if (!mail.configured) {
    return (
      <Notice>
        <strong>E-mail is off.</strong> Set <code>SMTP_URL</code> (e.g. <code>smtp://user:password@mail.example.com:587</code>) and <code>SMTP_FROM</code> (e.g.{" "}
        <code>Baton &lt;baton@example.com&gt;</code>) and restart Baton; the README explains both. Until then people get notifications in Baton only, and no
        e-mail is queued here (webhook deliveries and xAPI statements still are).
      </Notice>
    );
  }
  return (
    <section aria-labelledby="mail-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="mail-heading" className="font-semibold">
        E-mail delivery
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-600">SMTP server</dt>
        <dd>{mail.host}</dd>
        <dt className="text-slate-600">Sender</dt>
        <dd>{mail.from}</dd>
        <dt className="text-slate-600">Last check</dt>
        <dd>
          {mail.ok === null
            ? "Not checked yet: the first delivery will tell."
            : mail.ok
              ? `Connected, ${formatDateTime(mail.checkedAt, timeZone)}`
              : `Failed, ${formatDateTime(mail.checkedAt, timeZone)}`}
        </dd>
      </dl>
      {mail.ok === false ? (
        <Notice tone="error">
          The SMTP server refused or could not be reached: {mail.error ?? "no reason given"}. Messages wait in the queue and are retried; check{" "}
          <code>SMTP_URL</code>.
        </Notice>
      ) : null}
    </section>
  );
}

export default function Outbox() {
  const { outbox, mail, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const pageHref = (page: number) => `?${new URLSearchParams({ status: outbox.status, page: String(page) })}`;
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every message Baton has queued (e-mail, webhook deliveries, xAPI statements): what is waiting, what went out, and what failed."
        actions={
          <div className="flex flex-wrap gap-2">
            <Link to="/hr/settings/notifications" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">
              Notification settings
            </Link>
            <Link to="/hr/settings/branding" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">
              Branding
            </Link>
          </div>
        }
      />
      <div className="space-y-6">
        <MailPanel mail={mail} timeZone={timeZone} />
        {result ? <Notice tone={result.ok ? "success" : "error"}>{result.message}</Notice> : null}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <nav aria-label="Message status" className="flex flex-wrap gap-1">
            {OUTBOX_FILTERS.map((s) => (
              <Link
                key={s}
                to={`?status=${s}`}
                aria-current={s === outbox.status ? "page" : undefined}
                className={`rounded-md px-3 py-2 text-sm font-medium ${s === outbox.status ? "bg-slate-900 text-white" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
              >
                {tabLabel[s]} <span className="tabular-nums">({outbox.counts[s]})</span>
              </Link>
            ))}
          </nav>
          {outbox.counts.failed > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="retry-all" />
              <Button type="submit" variant="secondary">
                Retry all failed ({outbox.counts.failed})
              </Button>
            </Form>
          ) : null}
        </div>
        {outbox.rows.length === 0 ? (
          <EmptyState title={outbox.status === "all" ? "No messages yet" : `No ${tabLabel[outbox.status].toLowerCase()} messages`} />
        ) : (
          <DataTable
            headers={["Recipient", "Message", "Status", "Attempts", "When", "Last error", "Actions"]}
            caption={`${tabLabel[outbox.status]} messages, newest first`}
          >
            {outbox.rows.map((m) => (
              <tr key={m.id} className="align-top">
                <td className="px-4 py-3">
                  <div className="font-medium">{m.personName ?? "—"}</div>
                  <div className="text-slate-500">{m.recipient}</div>
                </td>
                <td className="px-4 py-3">
                  <div>{m.subject}</div>
                  <div className="text-slate-500">{m.kindLabel}</div>
                </td>
                <td className="px-4 py-3">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${statusStyle[m.status] ?? ""}`}>{statusLabel[m.status] ?? m.status}</span>
                </td>
                <td className="px-4 py-3 tabular-nums">{m.attempts}</td>
                <td className="px-4 py-3 whitespace-nowrap">
                  {m.sentAt
                    ? `Sent ${formatDateTime(m.sentAt, timeZone)}`
                    : m.status === "FAILED"
                      ? `Queued ${formatDateTime(m.createdAt, timeZone)}`
                      : `Not before ${formatDateTime(m.availableAt, timeZone)}`}
                </td>
                <td className="max-w-xs px-4 py-3 break-words text-red-800 max-sm:col-span-2">{m.lastError ?? ""}</td>
                <td className="px-4 py-3">
                  {m.status === "FAILED" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="retry" />
                      <input type="hidden" name="id" value={m.id} />
                      <Button type="submit" variant="secondary" aria-label={`Retry the message to ${m.recipient}`}>
                        Retry
                      </Button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pagination page={outbox.page} pages={outbox.pages} hrefFor={pageHref} label="Pages of messages" />
      </div>
    </>
  );
}
