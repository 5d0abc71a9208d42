import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/.server/auth/require-user";
import { getEnv } from "~/.server/env";
import { parseForm } from "~/.server/forms/parse";
import { readForm } from "~/.server/forms/read";
import { clientIp, invariantResponse } from "~/.server/http";
import {
  addDomain,
  deleteProvider,
  DomainSchema,
  getProviderForHr,
  ProviderInputSchema,
  removeDomain,
  setPasswordOff,
  updateProvider,
} from "~/.server/sso/providers";
import { callbackUrlFor } from "~/.server/sso/sign-in";
import { ConfirmAction } from "~/components/confirm-action";
import { SsoProviderForm } from "~/components/sso-provider-form";
import { BackLink, Button, DataTable, Field, Notice, PageHeader } from "~/components/ui";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.provider.name ?? "Identity provider"} · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  const provider = await getProviderForHr(params.providerId ?? "");
  invariantResponse(provider, "Identity provider not found");
  const origin = getEnv().BATON_ORIGIN ?? new URL(request.url).origin;
  return { provider, redirectUri: callbackUrlFor(origin, provider.slug) };
}

const IntentSchema = z.enum(["save", "delete", "add-domain", "remove-domain", "password-off", "password-on"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const id = params.providerId ?? "";
  const form = await readForm(request);
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return data({ kind: "error" as const, message: "Unknown action." }, { status: 400 });
  const ctx = { actor: viewer, ip: clientIp(request) };

  if (intent.data === "save") {
    const parsed = parseForm(form, ProviderInputSchema);
    if (!parsed.ok) return data({ kind: "invalid" as const, errors: parsed.errors }, { status: 400 });
    const outcome = await updateProvider(id, parsed.data, ctx);
    invariantResponse(outcome.kind !== "not-found", "Identity provider not found");
    if (outcome.kind === "invalid") return data({ kind: "invalid" as const, errors: outcome.errors }, { status: 400 });
    return { kind: "done" as const, message: "Saved." };
  }
  if (intent.data === "delete") {
    const outcome = await deleteProvider(id, ctx);
    invariantResponse(outcome.kind === "deleted", "Identity provider not found");
    throw redirect("/hr/integrations/sso");
  }
  const domain = parseForm(form, DomainSchema);
  if (!domain.ok) return data({ kind: "error" as const, message: domain.errors.domain ?? "Enter an e-mail domain." }, { status: 400 });
  const outcome =
    intent.data === "add-domain"
      ? await addDomain(id, domain.data.domain, ctx)
      : intent.data === "remove-domain"
        ? await removeDomain(id, domain.data.domain, ctx)
        : await setPasswordOff(id, domain.data.domain, intent.data === "password-off", ctx);
  if (outcome.kind === "refused") return data({ kind: "error" as const, message: outcome.message }, { status: 400 });
  const messages = {
    "add-domain": `${domain.data.domain} added.`,
    "remove-domain": `${domain.data.domain} removed.`,
    "password-off": `Password sign-in is off for ${domain.data.domain}.`,
    "password-on": `Password sign-in is back on for ${domain.data.domain}.`,
  } as const;
  return { kind: "done" as const, message: messages[intent.data] };
}

export default function SsoProviderPage() {
  const { provider, redirectUri } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <>
      <BackLink to="/hr/integrations/sso">Single sign-on</BackLink>
      <PageHeader
        title={provider.name}
        description={`${provider._count.links} linked ${provider._count.links === 1 ? "person" : "people"} · first sign-in: ${provider.firstSignInAt ? formatDate(provider.firstSignInAt) : "not yet"}`}
      />
      <div className="mb-4 max-w-2xl space-y-2">
        {searchParams.get("created") && !result ? (
          <Notice tone="success">Provider added. Register the redirect URI below at the provider, then try signing in.</Notice>
        ) : null}
        {result?.kind === "done" ? <Notice tone="success">{result.message}</Notice> : null}
        {result?.kind === "error" ? <Notice tone="error">{result.message}</Notice> : null}
        {result?.kind === "invalid" ? <Notice tone="error">Some fields need fixing (see below).</Notice> : null}
      </div>

      <section className="mb-8 max-w-2xl rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="text-lg font-semibold">Redirect URI</h2>
        <p className="mt-1 text-sm text-slate-600">Register this address at the identity provider as the application&apos;s redirect (callback) URI.</p>
        <input
          readOnly
          value={redirectUri}
          aria-label="Redirect URI"
          className="mt-2 block w-full rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-sm"
        />
      </section>

      <SsoProviderForm
        key={JSON.stringify(provider)}
        values={provider}
        errors={result?.kind === "invalid" ? result.errors : undefined}
        submitLabel="Save provider"
      />

      <section className="mt-8 max-w-2xl space-y-4">
        <h2 className="text-lg font-semibold">E-mail domains</h2>
        <p className="text-sm text-slate-600">
          People of these domains sign in through {provider.name}. Password sign-in can be switched off for a domain once someone has signed in with{" "}
          {provider.name}; HR people marked as break-glass on their page keep their password.
        </p>
        {provider.domains.length > 0 ? (
          <DataTable headers={["Domain", "Password sign-in", ""]} caption="E-mail domains">
            {provider.domains.map((d) => (
              <tr key={d.domain}>
                <td className="px-4 py-3 font-mono">{d.domain}</td>
                <td className="px-4 py-3">
                  <Form method="post" className="flex items-center gap-3">
                    <input type="hidden" name="domain" value={d.domain} />
                    <input type="hidden" name="intent" value={d.passwordOff ? "password-on" : "password-off"} />
                    <span>{d.passwordOff ? "Off" : "On"}</span>
                    <Button type="submit" variant="secondary" aria-label={`${d.passwordOff ? "Allow" : "Turn off"} password sign-in for ${d.domain}`}>
                      {d.passwordOff ? "Allow passwords" : "Turn passwords off"}
                    </Button>
                  </Form>
                </td>
                <td className="px-4 py-3">
                  <ConfirmAction
                    label="Remove"
                    ariaLabel={`Remove ${d.domain}`}
                    title={`Remove ${d.domain} from ${provider.name}?`}
                    effect={`People with an @${d.domain} address no longer see “Sign in with ${provider.name}” and sign in with a password again${d.passwordOff ? " (password sign-in comes back for them)" : ""}. Their accounts stay.`}
                    confirmLabel={`Remove ${d.domain}`}
                  >
                    <input type="hidden" name="domain" value={d.domain} />
                    <input type="hidden" name="intent" value="remove-domain" />
                  </ConfirmAction>
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="add-domain" />
          <Field label="Add an e-mail domain" name="domain" placeholder="example.com" />
          <Button type="submit" variant="secondary">
            Add domain
          </Button>
        </Form>
      </section>

      <section className="mt-8 max-w-2xl rounded-lg border border-red-200 bg-white p-6">
        <h2 className="text-lg font-semibold">Delete this provider</h2>
        <p className="mt-1 text-sm text-slate-600">People linked through it keep their accounts; its domains get password sign-in back.</p>
        <div className="mt-3">
          <ConfirmAction
            label={`Delete ${provider.name}`}
            triggerVariant="danger"
            title={`Delete ${provider.name}?`}
            effect={`Nobody can sign in with ${provider.name} any more; people who used it sign in with a password instead (its domains get password sign-in back). Their accounts and records stay.`}
            confirmLabel="Delete the provider"
          >
            <input type="hidden" name="intent" value="delete" />
          </ConfirmAction>
        </div>
      </section>
    </>
  );
}
