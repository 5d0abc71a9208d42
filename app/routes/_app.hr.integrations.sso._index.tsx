import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { readForm } from "~/.server/forms/read";
import { clientIp } from "~/.server/http";
import { createProvider, listProviders, ProviderInputSchema } from "~/.server/sso/providers";
import { NEW_PROVIDER, SsoProviderForm } from "~/components/sso-provider-form";
import { BackLink, DataTable, EmptyState, Notice, PageHeader } from "~/components/ui";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Single sign-on · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return { providers: await listProviders() };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const parsed = parseForm(await readForm(request), ProviderInputSchema);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const outcome = await createProvider(parsed.data, { actor: viewer, ip: clientIp(request) });
  if (outcome.kind !== "saved") return data({ errors: outcome.kind === "invalid" ? outcome.errors : { form: "Not found." } }, { status: 400 });
  throw redirect(`/hr/integrations/sso/${outcome.id}?created=1`);
}

export default function SsoProviders() {
  const { providers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <BackLink to="/hr/integrations">Integrations</BackLink>
      <PageHeader title="Single sign-on" description="Identity providers people can sign in with (OpenID Connect)." />
      {providers.length === 0 ? (
        <EmptyState title="No identity provider yet">Add one below; people keep signing in with their password until you switch it off.</EmptyState>
      ) : (
        <DataTable headers={["Provider", "Issuer", "Status", "Linked people", "First sign-in"]} caption="Identity providers">
          {providers.map((p) => (
            <tr key={p.id}>
              <td className="px-4 py-3">
                <Link to={`/hr/integrations/sso/${p.id}`} className="font-medium text-brand-700 hover:underline">
                  {p.name}
                </Link>
              </td>
              <td className="px-4 py-3 font-mono text-xs">{p.issuer}</td>
              <td className="px-4 py-3">{p.enabled ? "On the sign-in page" : "Off"}</td>
              <td className="px-4 py-3">{p._count.links}</td>
              <td className="px-4 py-3">{p.firstSignInAt ? formatDate(p.firstSignInAt) : "Not yet"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2 className="mt-8 mb-3 text-lg font-semibold">Add a provider</h2>
      {result ? (
        <div className="mb-4 max-w-2xl">
          <Notice tone="error">Some fields need fixing{result.errors.form ? `: ${result.errors.form}` : " (see below)."}</Notice>
        </div>
      ) : null}
      <SsoProviderForm values={NEW_PROVIDER} errors={result?.errors} submitLabel="Add provider" />
    </>
  );
}
