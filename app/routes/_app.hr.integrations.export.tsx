import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { exportContents } from "~/.server/export/files";
import { BackLink, Notice, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Export everything · Baton" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "HR" });
  return { files: exportContents() };
}

export default function DataExport() {
  const { files } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/hr/integrations">Integrations</BackLink>
      <PageHeader
        title="Export everything"
        description="Your organisation's data is yours: one zip of CSV files with everything Baton keeps about your people and their learning."
        actions={
          // A plain link: the browser downloads the zip as it is written, however large.
          <a
            href="/hr/export.zip"
            download
            className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
          >
            Download the export (zip)
          </a>
        }
      />
      <div className="space-y-6">
        <Notice>
          The zip holds one CSV file per table and a README.md that describes every column. Moments are in UTC (ISO 8601); people are named by id and e-mail
          address, deactivated people included. Password hashes, tokens, stored secrets and quiz answer keys are never exported. Each download is recorded in
          the audit log.
        </Notice>
        <section aria-labelledby="files-heading" className="space-y-3">
          <h2 id="files-heading" className="text-lg font-semibold">
            What is in the zip
          </h2>
          <ul className="space-y-3">
            {files.map((f) => (
              <li key={f.name} className="rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="font-mono text-sm font-semibold">{f.name}</h3>
                <p className="mt-1 text-sm text-slate-700">{f.description}</p>
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-brand-700">
                    {f.columns.length} columns<span className="sr-only"> of {f.name}</span>
                  </summary>
                  <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                    {f.columns.map((c) => (
                      <div key={c.name} className="contents">
                        <dt className="font-mono text-slate-900">{c.name}</dt>
                        <dd className="text-slate-700">{c.description}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
