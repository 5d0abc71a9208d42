import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { readForm } from "~/.server/forms/read";
import { clientIp } from "~/.server/http";
import { orgSettings } from "~/.server/notifications/settings";
import { deleteEndpoint, EndpointSchema, rotateSecret, sendTestEvent, setEndpointEnabled, updateEndpoint } from "~/.server/webhooks/endpoints";
import { endpointDetail, retryDelivery } from "~/.server/webhooks/log";
import { ConfirmAction } from "~/components/confirm-action";
import { Pagination } from "~/components/pagination";
import { BackLink, Button, DataTable, EmptyState, Notice, PageHeader } from "~/components/ui";
import { SecretOnce, WebhookFields } from "~/components/webhook-fields";
import { formatDateTime } from "~/utils/date-time";

export const meta: MetaFunction = () => [{ title: "Webhook endpoint · Baton" }];

const PageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const { page } = PageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [detail, settings] = await Promise.all([endpointDetail(params.endpointId ?? "", page), orgSettings()]);
  if (!detail) throw new Response("That webhook endpoint was not found.", { status: 404 });
  return { ...detail, timeZone: settings.timeZone };
}

const ActionSchema = z.discriminatedUnion(
  "intent",
  [
    EndpointSchema.extend({ intent: z.literal("update") }),
    z.object({ intent: z.enum(["enable", "disable", "rotate", "test", "delete"]) }),
    z.object({ intent: z.literal("retry"), messageId: z.string().trim().min(1, "Which delivery? The form did not say.").max(64) }),
  ],
  {
    errorMap: (issue, ctx) => ({
      message: issue.code === "invalid_union_discriminator" ? "This form asked for something this page does not do." : ctx.defaultError,
    }),
  },
);

type Result = { ok: boolean; message: string; errors?: Partial<Record<string, string>>; secret?: string };
const notFound = () => data<Result>({ ok: false, message: "That webhook endpoint was not found." }, { status: 404 });

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const id = params.endpointId ?? "";
  const parsed = parseForm(await readForm(request), ActionSchema);
  if (!parsed.ok) return data<Result>({ ok: false, message: "Some fields need fixing.", errors: parsed.errors }, { status: 400 });
  const ctx = { actor: viewer, ip: clientIp(request) };
  const now = new Date();
  const input = parsed.data;
  switch (input.intent) {
    case "update": {
      const outcome = await updateEndpoint(id, input, ctx);
      if (outcome.kind === "not-found") return notFound();
      if (outcome.kind === "bad-url")
        return data<Result>({ ok: false, message: "Some fields need fixing.", errors: { url: outcome.message } }, { status: 400 });
      return data<Result>({ ok: true, message: "Endpoint saved." });
    }
    case "enable":
    case "disable": {
      const outcome = await setEndpointEnabled(id, input.intent === "enable", ctx);
      if (outcome.kind === "not-found") return notFound();
      return data<Result>({ ok: true, message: input.intent === "enable" ? "Endpoint enabled." : "Endpoint disabled: no new events are queued for it." });
    }
    case "rotate": {
      const outcome = await rotateSecret(id, ctx);
      if (outcome.kind === "not-found") return notFound();
      return data<Result>({ ok: true, message: "New secret made: every request from now on is signed with it.", secret: outcome.secret });
    }
    case "test": {
      const outcome = await sendTestEvent(id, ctx, now);
      if (outcome.kind === "not-found") return notFound();
      return data<Result>({ ok: true, message: "Test event queued: it shows in the delivery log below within seconds." });
    }
    case "delete": {
      const outcome = await deleteEndpoint(id, ctx);
      if (outcome.kind === "not-found") return notFound();
      return redirect("/hr/integrations/webhooks");
    }
    case "retry": {
      const outcome = await retryDelivery(id, input.messageId, { ...ctx, now });
      if (outcome.kind === "not-found") return data<Result>({ ok: false, message: "That delivery was not found." }, { status: 404 });
      if (outcome.kind === "not-failed")
        return data<Result>({ ok: false, message: "That delivery has not failed (it may have been retried already)." }, { status: 409 });
      return data<Result>({ ok: true, message: "Back in the queue: it goes out with the next delivery." });
    }
  }
}

const statusLabel: Record<string, string> = { PENDING: "Waiting", SENDING: "Sending", SENT: "Sent", FAILED: "Failed" };

function IntentButton({ intent, children, variant }: { intent: string; children: string; variant?: "primary" | "secondary" | "danger" }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Button type="submit" variant={variant ?? "secondary"}>
        {children}
      </Button>
    </Form>
  );
}

export default function WebhookEndpoint() {
  const { endpoint, messages, page, pages, eventTypes, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  return (
    <>
      <BackLink to="/hr/integrations/webhooks">Webhooks</BackLink>
      <PageHeader title={endpoint.url} description={endpoint.description ?? `Webhook endpoint, ${endpoint.enabled ? "enabled" : "disabled"}.`} />
      <div className="space-y-8">
        {result ? <Notice tone={result.ok ? "success" : "error"}>{result.message}</Notice> : null}
        {result?.secret ? <SecretOnce secret={result.secret} /> : null}
        <section aria-label="Actions" className="flex flex-wrap gap-2">
          <IntentButton intent="test" variant="primary">
            Send a test event
          </IntentButton>
          <IntentButton intent={endpoint.enabled ? "disable" : "enable"}>{endpoint.enabled ? "Disable" : "Enable"}</IntentButton>
          <ConfirmAction
            label="Rotate secret"
            title="Make a new signing secret?"
            effect={`Every request to ${endpoint.url} is signed with the new secret from now on. The receiver rejects them until it is given the new secret, which is shown only once.`}
            confirmLabel="Make a new secret"
          >
            <input type="hidden" name="intent" value="rotate" />
          </ConfirmAction>
          <ConfirmAction
            label="Delete endpoint"
            triggerVariant="danger"
            title="Delete this webhook endpoint?"
            effect={`${endpoint.url} gets no more events and deliveries still waiting for it are marked failed. This cannot be undone: to send events there again, add the endpoint anew.`}
            confirmLabel="Delete the endpoint"
          >
            <input type="hidden" name="intent" value="delete" />
          </ConfirmAction>
        </section>

        <section aria-labelledby="log-heading" className="space-y-3">
          <h2 id="log-heading" className="text-lg font-semibold">
            Delivery log
          </h2>
          {messages.length === 0 ? (
            <EmptyState title="Nothing sent yet">Events this endpoint subscribes to show here as they happen.</EmptyState>
          ) : (
            <DataTable headers={["Event", "Queued", "Status", "Attempts", "Last error", ""]} caption="Deliveries to this endpoint">
              {messages.map((m) => (
                <tr key={m.id} className="align-top">
                  <td className="px-4 py-3">
                    <code>{m.kind}</code>
                  </td>
                  <td className="px-4 py-3">{formatDateTime(m.createdAt, timeZone)}</td>
                  <td className="px-4 py-3">
                    {statusLabel[m.status] ?? m.status}
                    {m.status === "PENDING" && m.attempts > 0 ? <div className="text-slate-600">next try {formatDateTime(m.availableAt, timeZone)}</div> : null}
                  </td>
                  <td className="px-4 py-3">
                    <ol className="space-y-1">
                      {m.deliveryAttempts.map((a) => (
                        <li key={a.id}>
                          {formatDateTime(a.at, timeZone)}: {a.statusCode ? `HTTP ${a.statusCode}` : "no answer"}, {a.durationMs} ms
                          {a.error ? <div className="text-slate-600">{a.error}</div> : null}
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td className="px-4 py-3 max-sm:col-span-2">{m.lastError ?? ""}</td>
                  <td className="px-4 py-3">
                    {m.status === "FAILED" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="retry" />
                        <input type="hidden" name="messageId" value={m.id} />
                        <Button type="submit" variant="secondary" aria-label={`Retry the ${m.kind} delivery`}>
                          Retry
                        </Button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          <Pagination page={page} pages={pages} hrefFor={(p) => `?page=${p}`} label="Pages of deliveries" />
        </section>

        <Form method="post" noValidate className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-semibold">Settings</h2>
          <input type="hidden" name="intent" value="update" />
          <WebhookFields eventTypes={eventTypes} values={endpoint} errors={errors} />
          <Button type="submit">Save endpoint</Button>
        </Form>
      </div>
    </>
  );
}
