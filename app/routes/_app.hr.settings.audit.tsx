import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AuditRetentionSchema, auditRetentionDays, updateAuditRetention } from "~/.server/audit/retention";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { readForm } from "~/.server/forms/read";
import { clientIp } from "~/.server/http";
import { BackLink, Button, Field, Notice, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Audit log settings · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return { auditRetentionDays: await auditRetentionDays() };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const parsed = parseForm(await readForm(request), AuditRetentionSchema);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
  await updateAuditRetention(parsed.data.auditRetentionDays, { actor: viewer, ip: clientIp(request) });
  return { ok: true as const, errors: {} };
}

export default function AuditSettings() {
  const { auditRetentionDays: days } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = result?.errors ?? {};
  return (
    <>
      <BackLink to="/hr/audit">Audit log</BackLink>
      <PageHeader title="Audit log settings" description="How long Baton keeps the record of who did what." />
      <Form method="post" noValidate className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        {result?.ok ? (
          <Notice tone="success">Saved. {days === 0 ? "Events are kept forever." : `Events older than ${days} days are deleted each night.`}</Notice>
        ) : null}
        <Field
          label="Keep events for (days)"
          name="auditRetentionDays"
          type="number"
          min={0}
          max={3650}
          required
          defaultValue={days}
          hint={`0 to 3650; 0 keeps them forever. Now: ${days === 0 ? "kept forever" : `${days} days`}.`}
          error={errors.auditRetentionDays}
        />
        <p className="text-sm text-slate-600">
          Older events are deleted once a day and cannot be brought back. Download a CSV from the audit log first if you need to keep them elsewhere.
        </p>
        <Button type="submit">Save</Button>
      </Form>
    </>
  );
}
