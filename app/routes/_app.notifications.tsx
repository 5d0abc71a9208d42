import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { listNotifications, markAllRead, markRead, unreadCount } from "~/.server/notifications/inbox";
import { orgSettings } from "~/.server/notifications/settings";
import { Pagination } from "~/components/pagination";
import { Button, EmptyState, Notice, PageHeader } from "~/components/ui";
import { formatDateTime, timeAgo } from "~/utils/date-time";
import { safeRedirect } from "~/utils/redirect";
import { readForm } from "~/.server/forms/read";

export const meta: MetaFunction = () => [{ title: "Notifications · Baton" }];

const PageQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, unread, settings] = await Promise.all([listNotifications(viewer.id, { page }), unreadCount(viewer.id), orgSettings()]);
  return { ...list, unread, timeZone: settings.timeZone, now: new Date() };
}

const NotificationId = z
  .string({ required_error: "Which notification? The form did not say." })
  .trim()
  .min(1, "Which notification? The form did not say.")
  .max(64);
const ActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("read"), id: NotificationId }),
    z.object({ intent: z.literal("open"), id: NotificationId }),
    z.object({ intent: z.literal("read-all") }),
  ],
  {
    errorMap: (issue, ctx) => ({
      message: issue.code === "invalid_union_discriminator" ? "This form asked for something the notifications page does not do." : ctx.defaultError,
    }),
  },
);

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const parsed = parseForm(await readForm(request), ActionSchema);
  if (!parsed.ok) return data({ kind: "error" as const, message: Object.values(parsed.errors)[0] ?? "Unreadable form." }, { status: 400 });
  const now = new Date();
  const input = parsed.data;
  if (input.intent === "read-all") {
    const count = await markAllRead(viewer.id, now);
    return { kind: "done" as const, message: count === 0 ? "Nothing was unread." : `Marked ${count} as read.` };
  }
  const outcome = await markRead(viewer.id, input.id, now);
  if (outcome.kind === "not-found")
    return data({ kind: "error" as const, message: "That notification was not found. It may have been removed." }, { status: 404 });
  // Only paths inside Baton: a stored link never sends anyone to another site.
  if (input.intent === "open") throw redirect(safeRedirect(outcome.link, "/notifications"));
  return { kind: "done" as const, message: null };
}

export default function Notifications() {
  const { items, total, page, pages, unread, timeZone, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const pageHref = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <>
      <PageHeader
        title="Notifications"
        description={unread > 0 ? `${unread} unread` : total > 0 ? "You have read them all." : undefined}
        actions={
          unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="read-all" />
              <Button type="submit" variant="secondary">
                Mark all as read
              </Button>
            </Form>
          ) : null
        }
      />
      {result?.message ? (
        <div className="mb-4">
          <Notice tone={result.kind === "error" ? "error" : "success"}>{result.message}</Notice>
        </div>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title="No notifications yet">Assignments, reminders, replies and sign-offs will show up here.</EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Notifications">
          {items.map((n) => {
            const isUnread = !n.readAt;
            return (
              <li key={n.id} className={`rounded-lg border bg-white p-4 ${isUnread ? "border-l-4 border-brand-600" : "border-slate-200"}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0 flex-1">
                    <h2 id={`notification-${n.id}`} className={isUnread ? "font-semibold" : "font-medium text-slate-700"}>
                      {isUnread ? (
                        <span className="mr-2 rounded-full bg-brand-600 px-2 py-0.5 align-middle text-xs font-semibold text-white">Unread</span>
                      ) : null}
                      {n.title}
                    </h2>
                    {n.body ? <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{n.body}</p> : null}
                    <p className="mt-2 text-xs text-slate-500">
                      <time dateTime={new Date(n.createdAt).toISOString()} title={formatDateTime(n.createdAt, timeZone)}>
                        {timeAgo(n.createdAt, now)}
                      </time>{" "}
                      · {formatDateTime(n.createdAt, timeZone)}
                    </p>
                  </div>
                  <div className="flex shrink-0 gap-2">
                    {n.link ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="open" />
                        <input type="hidden" name="id" value={n.id} />
                        <Button type="submit" aria-describedby={`notification-${n.id}`}>
                          Open
                        </Button>
                      </Form>
                    ) : null}
                    {isUnread ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="read" />
                        <input type="hidden" name="id" value={n.id} />
                        <Button type="submit" variant="secondary" aria-describedby={`notification-${n.id}`}>
                          Mark as read
                        </Button>
                      </Form>
                    ) : null}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={page} pages={pages} hrefFor={pageHref} label="Pages of notifications" />
    </>
  );
}
