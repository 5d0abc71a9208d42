import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { API_TOKEN_RATE } from "~/.server/api-tokens/authenticate";
import { createApiToken, CreateTokenSchema, listApiTokens, revokeApiToken } from "~/.server/api-tokens/tokens";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { readForm } from "~/.server/forms/read";
import { clientIp } from "~/.server/http";
import { orgSettings } from "~/.server/notifications/settings";
import { ConfirmAction } from "~/components/confirm-action";
import { BackLink, Button, DataTable, EmptyState, Field, Notice, PageHeader, SelectField } from "~/components/ui";
import { formatDateTime } from "~/utils/date-time";

export const meta: MetaFunction = () => [{ title: "API tokens · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const [tokens, settings] = await Promise.all([listApiTokens(), orgSettings()]);
  return { tokens, now: new Date(), timeZone: settings.timeZone, ratePerMinute: API_TOKEN_RATE.limit };
}

const ActionSchema = z.discriminatedUnion(
  "intent",
  [
    CreateTokenSchema.extend({ intent: z.literal("create") }),
    z.object({ intent: z.literal("revoke"), id: z.string({ required_error: "Which token? The form did not say." }).trim().min(1).max(64) }),
  ],
  {
    errorMap: (issue, ctx) => ({
      message: issue.code === "invalid_union_discriminator" ? "This form asked for something the API tokens page does not do." : ctx.defaultError,
    }),
  },
);

type ActionResult =
  | { kind: "created"; token: string; name: string }
  | { kind: "message"; ok: boolean; message: string }
  | { kind: "invalid"; errors: Partial<Record<string, string>> };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const parsed = parseForm(await readForm(request), ActionSchema);
  if (!parsed.ok) return data<ActionResult>({ kind: "invalid", errors: parsed.errors }, { status: 400 });
  const ctx = { actor: viewer, ip: clientIp(request) };
  const now = new Date();
  if (parsed.data.intent === "create") {
    const { token, row } = await createApiToken(parsed.data, ctx, now);
    return data<ActionResult>({ kind: "created", token, name: row.name });
  }
  const outcome = await revokeApiToken(parsed.data.id, ctx, now);
  if (outcome.kind === "not-found") return data<ActionResult>({ kind: "message", ok: false, message: "That token was not found." }, { status: 404 });
  const message = outcome.kind === "revoked" ? `Revoked “${outcome.name}”: it stops working at once.` : `“${outcome.name}” was already revoked.`;
  return data<ActionResult>({ kind: "message", ok: true, message });
}

const scopeLabel = { READ: "Read", READ_WRITE: "Read and write", SCIM: "SCIM provisioning" } as const;

function NewToken({ token, name }: { token: string; name: string }) {
  return (
    <Notice tone="success">
      <p>
        Token “{name}” created. <strong>Copy it now: Baton keeps only its fingerprint and cannot show it again.</strong>
      </p>
      <label htmlFor="new-token" className="mt-2 block font-medium">
        The token
      </label>
      <input
        id="new-token"
        readOnly
        value={token}
        onFocus={(e) => e.currentTarget.select()}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-slate-900"
        aria-describedby="new-token-hint"
      />
      <p id="new-token-hint" className="mt-1">
        Select it and copy (Ctrl+C or ⌘C). Send it as <code>Authorization: Bearer {"<token>"}</code>.
      </p>
    </Notice>
  );
}

export default function ApiTokens() {
  const { tokens, now, timeZone, ratePerMinute } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.kind === "invalid" ? result.errors : {};
  const status = (t: (typeof tokens)[number]) =>
    t.revokedAt ? `Revoked ${formatDateTime(t.revokedAt, timeZone)}` : t.expiresAt.getTime() <= now.getTime() ? "Expired" : "Active";
  return (
    <>
      <BackLink to="/hr/integrations">Integrations</BackLink>
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let other systems read Baton through the JSON API (
            <a href="/api/v1/docs" className="text-brand-700 underline">
              reference
            </a>
            ) or provision people through SCIM. Each token may make {ratePerMinute} requests a minute; every use is in the audit log.
          </>
        }
      />
      <div className="space-y-6">
        {result?.kind === "created" ? <NewToken token={result.token} name={result.name} /> : null}
        {result?.kind === "message" ? <Notice tone={result.ok ? "success" : "error"}>{result.message}</Notice> : null}
        {result?.kind === "invalid" && errors.form ? <Notice tone="error">{errors.form}</Notice> : null}

        <Form method="post" noValidate className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-semibold">New token</h2>
          <input type="hidden" name="intent" value="create" />
          <Field label="Name" name="name" required maxLength={100} hint="What uses it, e.g. “Data warehouse nightly sync”." error={errors.name} />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField label="May" name="scope" defaultValue="READ" error={errors.scope}>
              <option value="READ">Read (GET only)</option>
              <option value="READ_WRITE">Read and write (also assign curricula)</option>
              <option value="SCIM">SCIM provisioning</option>
            </SelectField>
            <Field
              label="Expires after (days)"
              name="expiresInDays"
              type="number"
              min={1}
              max={365}
              defaultValue={90}
              hint="1 to 365 days"
              error={errors.expiresInDays}
            />
          </div>
          <Button type="submit" disabled={busy}>
            Create token
          </Button>
        </Form>

        {tokens.length === 0 ? (
          <EmptyState title="No API tokens yet">Create one above for each system that needs access.</EmptyState>
        ) : (
          <DataTable caption="API tokens" headers={["Name", "May", "Starts with", "Created", "Expires", "Last used", "Status", ""]}>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td className="px-4 py-3 font-medium">{t.name}</td>
                <td className="px-4 py-3">{scopeLabel[t.scope]}</td>
                <td className="px-4 py-3 font-mono">{t.prefix}…</td>
                <td className="px-4 py-3">
                  {formatDateTime(t.createdAt, timeZone)}
                  {t.createdBy ? <span className="block text-slate-500">by {t.createdBy}</span> : null}
                </td>
                <td className="px-4 py-3">{formatDateTime(t.expiresAt, timeZone)}</td>
                <td className="px-4 py-3">{t.lastUsedAt ? formatDateTime(t.lastUsedAt, timeZone) : "Never"}</td>
                <td className="px-4 py-3">{status(t)}</td>
                <td className="px-4 py-3">
                  {t.revokedAt ? null : (
                    <ConfirmAction
                      label="Revoke"
                      ariaLabel={`Revoke ${t.name}`}
                      triggerVariant="danger"
                      title={`Revoke the token “${t.name}”?`}
                      effect="Every request made with it is refused from now on, so whatever uses it stops working. A revoked token cannot be turned back on: the system would need a new token."
                      confirmLabel="Revoke the token"
                    >
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="id" value={t.id} />
                    </ConfirmAction>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
    </>
  );
}
