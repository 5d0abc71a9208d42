import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { apiReference } from "~/.server/api/reference";
import { publicOrigin } from "~/.server/notifications/notify";
import { DataTable, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "API reference · Baton" }];

/** Public, like the document it is read from: it describes the API and opens nothing. */
export function loader() {
  return apiReference(publicOrigin());
}

/** `code` in the document's text as <code>. */
function Text({ children }: { children: string }) {
  return <>{children.split(/`([^`]+)`/).map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}</>;
}

const methodStyle: Record<string, string> = { GET: "bg-brand-50 text-brand-900", POST: "bg-green-100 text-green-900" };

export default function ApiDocs() {
  const ref = useLoaderData<typeof loader>();
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-5xl space-y-8 p-6">
      <PageHeader
        title={`${ref.title} reference`}
        description={
          <>
            Version {ref.version}. The machine-readable description is{" "}
            <a href="/api/v1/openapi.json" className="text-brand-700 underline">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI 3.1).
          </>
        }
      />
      <p className="text-slate-700">
        <Text>{ref.description}</Text>
      </p>
      <nav aria-label="Operations">
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {ref.operations.map((op) => (
            <li key={op.id}>
              <a href={`#${op.id}`} className="text-brand-700 hover:underline">
                <span className="font-mono">{op.method}</span> {op.path}
              </a>{" "}
              — {op.summary}
            </li>
          ))}
        </ul>
      </nav>
      {ref.operations.map((op) => (
        <section key={op.id} id={op.id} aria-labelledby={`${op.id}-title`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
          <h2 id={`${op.id}-title`} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
            <span className={`rounded px-2 py-0.5 font-mono text-sm ${methodStyle[op.method] ?? ""}`}>{op.method}</span>
            <span className="font-mono">{op.path}</span>
            <span className="font-normal text-slate-600">— {op.summary}</span>
          </h2>
          <p className="text-sm text-slate-700">
            <Text>{op.description}</Text>
          </p>
          <p className="text-sm">
            <strong>Token scope:</strong> {op.scopes.join(" or ")}
          </p>
          {op.parameters.length > 0 ? (
            <DataTable caption={`Parameters of ${op.method} ${op.path}`} headers={["Parameter", "In", "Type", "Description"]}>
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <td className="px-4 py-2 font-mono">
                    {p.name}
                    {p.required ? <span className="text-red-700"> (required)</span> : null}
                  </td>
                  <td className="px-4 py-2">{p.in}</td>
                  <td className="px-4 py-2">{p.type}</td>
                  <td className="px-4 py-2">
                    <Text>{p.description}</Text>
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : null}
          {op.body ? (
            <div className="text-sm">
              <p>
                <strong>Body</strong> ({op.body.type}, application/json):
              </p>
              <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-3">{op.body.example}</pre>
            </div>
          ) : null}
          <DataTable caption={`Responses of ${op.method} ${op.path}`} headers={["Status", "Meaning", "Body"]}>
            {op.responses.map((r) => (
              <tr key={r.status}>
                <td className="px-4 py-2 font-mono">{r.status}</td>
                <td className="px-4 py-2">{r.description}</td>
                <td className="px-4 py-2">
                  {r.schema}
                  {r.fields.length > 0 ? (
                    <ul className="mt-1 text-slate-600">
                      {r.fields.map((f) => (
                        <li key={f.name}>
                          <span className="font-mono">{f.name}</span>: {f.type}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
          <div className="text-sm">
            <p>
              <strong>Example</strong>
            </p>
            <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-slate-50">{op.curl}</pre>
          </div>
        </section>
      ))}
    </main>
  );
}
