import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { integrationsOverview } from "~/.server/integrations/overview";
import { PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Integrations · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return integrationsOverview(new Date());
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default function Integrations() {
  const o = useLoaderData<typeof loader>();
  const parts = [
    {
      to: "/hr/integrations/sso",
      title: "Single sign-on",
      what: "People sign in with the company's identity provider (OpenID Connect).",
      status: o.sso.length ? `Sign in with ${o.sso.join(", ")}` : "Not set up",
    },
    {
      to: "/hr/integrations/tokens",
      title: "API and SCIM tokens",
      what: "Other systems read Baton through the JSON API, and the identity provider creates and deactivates people through SCIM.",
      status: `${plural(o.apiTokens, "API token", "API tokens")}, ${plural(o.scimTokens, "SCIM token", "SCIM tokens")} in use`,
    },
    {
      to: "/hr/integrations/webhooks",
      title: "Webhooks",
      what: "Other systems are told when readiness changes, a course is completed, a curriculum is assigned, a person joins or leaves.",
      status: o.webhookEndpoints ? plural(o.webhookEndpoints, "endpoint", "endpoints") : "No endpoints",
    },
    {
      to: "/hr/integrations/xapi",
      title: "Learning record store (xAPI)",
      what: "Completions, quiz results and sign-offs go to the company's learning record store.",
      status: o.lrsEndpoint ? `Sending to ${o.lrsEndpoint}` : "Not set up",
    },
    {
      to: "/hr/integrations/export",
      title: "Export everything",
      what: "One zip of CSV files with all of the company's data in Baton, and a README describing the columns.",
      status: "Ready to download",
    },
  ];
  return (
    <>
      <PageHeader title="Integrations" description="Connect Baton to what the company already runs." />
      <ul className="grid gap-4 sm:grid-cols-2">
        {parts.map((p) => (
          <li key={p.to} className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="text-lg font-semibold">
              <Link to={p.to} className="text-brand-700 underline-offset-2 hover:underline">
                {p.title}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-slate-700">{p.what}</p>
            <p className="mt-3 text-sm font-medium text-slate-900">{p.status}</p>
          </li>
        ))}
      </ul>
      <p className="mt-6 text-sm text-slate-700">
        The JSON API is described at{" "}
        <a href="/api/v1/openapi.json" className="underline">
          /api/v1/openapi.json
        </a>
        .
      </p>
    </>
  );
}
