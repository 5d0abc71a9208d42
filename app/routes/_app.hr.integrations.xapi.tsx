import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { readForm } from "~/.server/forms/read";
import { clientIp } from "~/.server/http";
import { orgSettings } from "~/.server/notifications/settings";
import { LrsSettingsSchema, lrsSettingsView, sendTestStatement, updateLrsSettings } from "~/.server/xapi/settings";
import { BackLink, Button, DataTable, EmptyState, Field, Notice, PageHeader } from "~/components/ui";
import { formatDateTime } from "~/utils/date-time";

export const meta: MetaFunction = () => [{ title: "Learning record store · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const [lrs, settings] = await Promise.all([lrsSettingsView(), orgSettings()]);
  return { lrs, timeZone: settings.timeZone };
}

const ActionSchema = z.discriminatedUnion("intent", [LrsSettingsSchema.extend({ intent: z.literal("save") }), z.object({ intent: z.literal("test") })], {
  errorMap: (issue, ctx) => ({
    message: issue.code === "invalid_union_discriminator" ? "This form asked for something this page does not do." : ctx.defaultError,
  }),
});

type Result = { ok: boolean; message: string; errors?: Partial<Record<string, string>> };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const parsed = parseForm(await readForm(request), ActionSchema);
  if (!parsed.ok) return data<Result>({ ok: false, message: "Some fields need fixing.", errors: parsed.errors }, { status: 400 });
  const ctx = { actor: viewer, ip: clientIp(request) };
  if (parsed.data.intent === "test") {
    const outcome = await sendTestStatement(ctx, new Date());
    if (outcome.kind === "not-configured") return data<Result>({ ok: false, message: "Save the LRS's endpoint first." }, { status: 409 });
    return data<Result>({ ok: true, message: "Test statement queued: its result shows below within seconds." });
  }
  const outcome = await updateLrsSettings(parsed.data, ctx);
  if (outcome.kind === "secret-required")
    return data<Result>({ ok: false, message: "Some fields need fixing.", errors: { secret: "Enter the LRS secret." } }, { status: 400 });
  return data<Result>({ ok: true, message: parsed.data.endpoint ? "Saved: statements go to this LRS from now on." : "Removed: no statements are sent." });
}

const statusLabel: Record<string, string> = { PENDING: "Waiting", SENDING: "Sending", SENT: "Sent", FAILED: "Failed" };

export default function XapiSettings() {
  const { lrs, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  return (
    <>
      <BackLink to="/hr/integrations">Integrations</BackLink>
      <PageHeader
        title="Learning record store (xAPI)"
        description="Completions, quiz results, sign-offs and waivers go to the company's LRS as xAPI 1.0.3 statements. People are identified by their Baton account id, never by e-mail."
      />
      <div className="space-y-8">
        {result ? <Notice tone={result.ok ? "success" : "error"}>{result.message}</Notice> : null}
        <Form method="post" noValidate className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
          <input type="hidden" name="intent" value="save" />
          <Field
            label="xAPI endpoint"
            name="endpoint"
            type="url"
            defaultValue={lrs.endpoint}
            placeholder="https://lrs.example.com/xapi"
            hint="Statements are POSTed to this address + /statements. Leave empty to stop sending."
            error={errors.endpoint}
          />
          <Field label="Key (user name)" name="username" defaultValue={lrs.username} autoComplete="off" error={errors.username} />
          <Field
            label="Secret (password)"
            name="secret"
            type="password"
            autoComplete="new-password"
            hint={lrs.hasSecret ? "A secret is stored. Leave empty to keep it." : "Stored sealed; never shown again."}
            error={errors.secret}
          />
          <Button type="submit">Save</Button>
        </Form>
        {lrs.endpoint ? (
          <Form method="post">
            <input type="hidden" name="intent" value="test" />
            <Button type="submit" variant="secondary">
              Send a test statement
            </Button>
          </Form>
        ) : null}
        <section aria-labelledby="recent-heading" className="space-y-3">
          <h2 id="recent-heading" className="text-lg font-semibold">
            Recent statements
          </h2>
          {lrs.recent.length === 0 ? (
            <EmptyState title="No statements yet" />
          ) : (
            <DataTable headers={["Statement", "Queued", "Status", "Tries", "Last error"]} caption="Recent statements">
              {lrs.recent.map((m) => (
                <tr key={m.id}>
                  <td className="px-4 py-3">{m.subject}</td>
                  <td className="px-4 py-3">{formatDateTime(m.createdAt, timeZone)}</td>
                  <td className="px-4 py-3">{statusLabel[m.status] ?? m.status}</td>
                  <td className="px-4 py-3 tabular-nums">{m.attempts}</td>
                  <td className="px-4 py-3 max-sm:col-span-2">{m.lastError ?? ""}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      </div>
    </>
  );
}
