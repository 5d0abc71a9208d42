import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { readForm } from "~/.server/forms/read";
import { clientIp } from "~/.server/http";
import { EVENT_TYPES } from "~/.server/integrations/events";
import { createEndpoint, EndpointSchema } from "~/.server/webhooks/endpoints";
import { listEndpoints } from "~/.server/webhooks/log";
import { BackLink, Button, DataTable, EmptyState, Notice, PageHeader } from "~/components/ui";
import { SecretOnce, WebhookFields } from "~/components/webhook-fields";

export const meta: MetaFunction = () => [{ title: "Webhooks · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return { endpoints: await listEndpoints(), eventTypes: EVENT_TYPES };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const parsed = parseForm(await readForm(request), EndpointSchema);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, secret: null, id: null }, { status: 400 });
  const outcome = await createEndpoint(parsed.data, { actor: viewer, ip: clientIp(request) }, new Date());
  if (outcome.kind !== "ok")
    return data({ ok: false as const, errors: { url: outcome.kind === "bad-url" ? outcome.message : "Not saved." }, secret: null, id: null }, { status: 400 });
  return { ok: true as const, errors: {}, secret: outcome.secret, id: outcome.id };
}

export default function Webhooks() {
  const { endpoints, eventTypes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = result?.errors ?? {};
  return (
    <>
      <BackLink to="/hr/integrations">Integrations</BackLink>
      <PageHeader
        title="Webhooks"
        description="Other systems hear about changes in Baton: Baton POSTs a signed JSON event to each endpoint subscribed to it."
      />
      <div className="space-y-8">
        {result?.ok && result.secret ? (
          <div className="space-y-2">
            <Notice tone="success">
              Endpoint added. <Link to={`/hr/integrations/webhooks/${result.id}`}>Open it</Link> to send a test event.
            </Notice>
            <SecretOnce secret={result.secret} />
          </div>
        ) : null}
        {endpoints.length === 0 ? (
          <EmptyState title="No endpoints yet">Add one below; nothing is sent until an endpoint subscribes to an event.</EmptyState>
        ) : (
          <DataTable headers={["Endpoint", "Events", "Status", "Sent", "Waiting", "Failed"]} caption="Webhook endpoints">
            {endpoints.map((e) => (
              <tr key={e.id}>
                <td className="px-4 py-3">
                  <Link to={e.id} className="font-medium text-brand-700 hover:underline">
                    {e.url}
                  </Link>
                  {e.description ? <div className="text-slate-600">{e.description}</div> : null}
                </td>
                <td className="px-4 py-3">{e.events.join(", ")}</td>
                <td className="px-4 py-3">{e.enabled ? "Enabled" : "Disabled"}</td>
                <td className="px-4 py-3 tabular-nums">{e.sent}</td>
                <td className="px-4 py-3 tabular-nums">{e.waiting}</td>
                <td className="px-4 py-3 tabular-nums">{e.failed}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <Form method="post" noValidate className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-semibold">Add an endpoint</h2>
          {result && !result.ok ? <Notice tone="error">The endpoint was not added: see below.</Notice> : null}
          <WebhookFields eventTypes={eventTypes} errors={errors} />
          <Button type="submit">Add endpoint</Button>
        </Form>
      </div>
    </>
  );
}
