import { Form } from "@remix-run/react";
import type { PreviewView } from "~/.server/people/import/import";
import { ImportMapping, MappingInputs } from "~/components/import-mapping";
import { Button, Notice } from "~/components/ui";
import { roleLabel } from "~/utils/format";

type Props = {
  fileName: string;
  upload: string | null;
  message: string | null;
  preview: PreviewView;
  busy: boolean;
  /** How HR asked to read the file this time (absent on a job's retry view). */
  reading?: { dateOrder: string; mappingName: string | null; saved: string | null };
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function Shown({ shown, total }: { shown: number; total: number }) {
  return total > shown ? (
    <p className="mt-1 text-xs text-slate-500">
      First {shown} of {total.toLocaleString("en-GB")} shown.
    </p>
  ) : null;
}

/** People the file says have left, with the line that says so. */
function Leavers({ title, people, total }: { title: string; people: { line: number; email: string; name: string }[]; total: number }) {
  if (people.length === 0) return null;
  return (
    <div>
      <h3 className="font-semibold">{title}</h3>
      <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
        {people.map((d) => (
          <li key={d.email} className="px-4 py-2">
            <span className="font-medium">{d.name}</span> · {d.email} (line {d.line})
          </li>
        ))}
      </ul>
      <Shown shown={people.length} total={total} />
    </div>
  );
}

/** The preview of an import: what would change, and every row to fix. Only a clean file can be confirmed. */
export function ImportPreview({ fileName, upload, message, preview, busy, reading }: Props) {
  const { counts } = preview;
  const dateOrder = reading?.dateOrder ?? "";
  return (
    <section aria-labelledby="preview-heading" className="space-y-6">
      <div>
        <h2 id="preview-heading" className="text-lg font-semibold">
          Preview of {fileName}
        </h2>
        <p className="mt-1 text-slate-700">
          {plural(preview.rowCount, "row")}: {counts.create.toLocaleString("en-GB")} to create, {counts.update.toLocaleString("en-GB")} to update,{" "}
          {counts.unchanged.toLocaleString("en-GB")} unchanged.
        </p>
        {preview.ignoredColumns.length > 0 ? <p className="mt-1 text-sm text-slate-600">Columns not used: {preview.ignoredColumns.join(", ")}.</p> : null}
        {counts.deactivate + counts.skipped > 0 ? (
          <p className="mt-1 text-sm text-slate-700">
            {counts.deactivate > 0 ? `${plural(counts.deactivate, "person", "people")} to deactivate (left, by their employment status). ` : ""}
            {counts.skipped > 0 ? `${plural(counts.skipped, "new person", "new people")} not created: they have already left.` : ""}
          </p>
        ) : null}
      </div>
      {reading?.saved ? <Notice tone="success">Mapping saved as “{reading.saved}”: choose it when you upload the next file from this source.</Notice> : null}
      {message ? <Notice tone="error">{message}</Notice> : null}
      {upload && reading ? <ImportMapping upload={upload} view={preview} dateOrder={dateOrder} mappingName={reading.mappingName} busy={busy} /> : null}
      {counts.problems > 0 ? (
        <div>
          <Notice tone="error">
            {plural(counts.problems, "problem")} to fix. Choose other columns or the date order above, or correct the file and upload it again: nothing has been
            imported.
          </Notice>
          <div className="mt-3 overflow-x-auto rounded-lg border border-red-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Rows to fix</caption>
              <thead className="bg-red-50 text-left">
                <tr>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    Line
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    Problem
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {preview.problems.map((p, i) => (
                  <tr key={`${p.line}-${i}`}>
                    <td className="px-4 py-2 font-mono">{p.line}</td>
                    <td className="px-4 py-2">{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : counts.create + counts.update + counts.missing + counts.deactivate === 0 ? (
        <Notice tone="success">Nothing to change: Baton already has everyone in this file exactly as it says.</Notice>
      ) : upload ? (
        <Form method="post" className="space-y-4 rounded-lg border border-brand-100 bg-brand-50 p-5">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="upload" value={upload} />
          <input type="hidden" name="fingerprint" value={preview.fingerprint} />
          <MappingInputs view={preview} />
          {counts.missing > 0 ? (
            <div>
              <label className="flex items-start gap-3">
                <input type="checkbox" name="deactivateMissing" className="mt-1" />
                <span>
                  Also deactivate the {plural(counts.missing, "person", "people")} in Baton who {counts.missing === 1 ? "is" : "are"} not in this file
                  <span className="block text-sm text-slate-600">Off unless you tick it. HR accounts are never deactivated by an import.</span>
                </span>
              </label>
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer">Who is not in the file</summary>
                <ul className="mt-1 list-disc pl-6">
                  {preview.missing.map((m) => (
                    <li key={m.id}>
                      {m.name} ({m.email})
                    </li>
                  ))}
                </ul>
                <Shown shown={preview.missing.length} total={counts.missing} />
              </details>
            </div>
          ) : null}
          <Button type="submit" disabled={busy}>
            {busy ? "Importing…" : `Confirm import of ${plural(counts.create + counts.update + counts.deactivate, "change")}`}
          </Button>
        </Form>
      ) : null}
      {preview.creates.length > 0 ? (
        <div>
          <h3 className="font-semibold">To create</h3>
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {preview.creates.map((c) => (
              <li key={c.email} className="px-4 py-2">
                <span className="font-medium">{c.name}</span> · {c.email} · {roleLabel[c.role]}
                {c.department ? ` · ${c.department}` : ""}
                {c.managerEmail ? ` · reports to ${c.managerEmail}` : ""}
              </li>
            ))}
          </ul>
          <Shown shown={preview.creates.length} total={counts.create} />
        </div>
      ) : null}
      <Leavers title="To deactivate" people={preview.deactivate} total={counts.deactivate} />
      <Leavers title="Not created: they have already left" people={preview.skipped} total={counts.skipped} />
      {preview.updates.length > 0 ? (
        <div>
          <h3 className="font-semibold">To update</h3>
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {preview.updates.map((u) => (
              <li key={u.email} className="px-4 py-2">
                <span className="font-medium">{u.name}</span> · {u.email}: {u.changes.join("; ")}
              </li>
            ))}
          </ul>
          <Shown shown={preview.updates.length} total={counts.update} />
        </div>
      ) : null}
    </section>
  );
}
