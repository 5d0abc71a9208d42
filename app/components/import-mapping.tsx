import { Form } from "@remix-run/react";
import type { PreviewView } from "~/.server/people/import/import";
import { Button, Field, SelectField } from "~/components/ui";

type MappingView = Pick<PreviewView, "mapping" | "dates" | "sheets" | "sheet">;

const ORDER_WORDS = { ymd: "year first (ISO)", dmy: "day first (DD/MM/YYYY)", mdy: "month first (MM/DD/YYYY)" } as const;

const chosenOrder = (asked: string) => (asked === "dmy" || asked === "mdy" ? asked : "");

/**
 * Hidden inputs carrying how the file was read to another form: the confirmation re-reads it the same way (the date
 * order it was read with, whether detected or chosen).
 */
export function MappingInputs({ view }: { view: MappingView }) {
  return (
    <>
      {view.mapping.columns.map((c, i) => (
        <input key={i} type="hidden" name={`column.${i}`} value={c.field} />
      ))}
      <input type="hidden" name="dateOrder" value={chosenOrder(view.dates.order)} />
      {view.sheet ? <input type="hidden" name="sheet" value={view.sheet} /> : null}
    </>
  );
}

/**
 * The file's columns, each with the Baton field it feeds: HR corrects the proposal with the selects, previews again,
 * and can save the mapping under a name for the next file from the same source.
 */
export function ImportMapping({
  upload,
  view,
  dateOrder,
  mappingName,
  busy,
}: {
  upload: string;
  view: MappingView;
  /** The order HR chose ("" to detect). */
  dateOrder: string;
  mappingName: string | null;
  busy: boolean;
}) {
  const dates = view.dates;
  return (
    <section aria-labelledby="mapping-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <div>
        <h3 id="mapping-heading" className="font-semibold">
          Columns
        </h3>
        <p className="text-sm text-slate-600">
          {mappingName ? `Read with the saved mapping “${mappingName}”. ` : "Baton proposed what each column holds. "}
          Change any choice and preview again; columns set to “Not imported” are ignored.
        </p>
      </div>
      <Form method="post" className="space-y-4">
        <input type="hidden" name="upload" value={upload} />
        <input type="hidden" name="shownSheet" value={view.sheet ?? ""} />
        {mappingName ? <input type="hidden" name="readWith" value={mappingName} /> : null}
        {view.sheets && view.sheets.length > 1 ? (
          <div className="w-full sm:w-72">
            <SelectField label="Sheet" name="sheet" defaultValue={view.sheet ?? ""}>
              {view.sheets.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </SelectField>
          </div>
        ) : view.sheet ? (
          <input type="hidden" name="sheet" value={view.sheet} />
        ) : null}
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Columns of the file and the Baton field each one feeds</caption>
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Column
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  First value
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Imported as
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {view.mapping.columns.map((c, i) => (
                <tr key={`${i}-${c.header}`}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {c.header || `(column ${i + 1} has no name)`}
                  </th>
                  <td className="max-w-48 truncate px-3 py-2 text-slate-600">{c.example}</td>
                  <td className="px-3 py-2">
                    <label className="sr-only" htmlFor={`column-${i}`}>
                      Imported as, for the column {c.header || i + 1}
                    </label>
                    <select id={`column-${i}`} name={`column.${i}`} defaultValue={c.field} className="rounded-md border border-slate-300 px-2 py-1">
                      <option value="">Not imported</option>
                      {view.mapping.fields.map((f) => (
                        <option key={f.field} value={f.field}>
                          {f.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {view.mapping.notes.length + view.mapping.unclear.length > 0 ? (
          <ul className="list-disc pl-6 text-sm text-slate-600">
            {[...view.mapping.unclear, ...view.mapping.notes].map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Dates in this file" name="dateOrder" defaultValue={chosenOrder(dateOrder)}>
            <option value="">
              {dates.order !== "ambiguous"
                ? `Detected: ${ORDER_WORDS[dates.order]}${"decidedBy" in dates && dates.decidedBy ? ` (line ${dates.decidedBy.line}: ${dates.decidedBy.value})` : ""}`
                : "Detect from the file (it cannot tell: choose)"}
            </option>
            <option value="dmy">{ORDER_WORDS.dmy}</option>
            <option value="mdy">{ORDER_WORDS.mdy}</option>
          </SelectField>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <Button type="submit" name="intent" value="remap" variant="secondary" disabled={busy}>
            Preview with these columns
          </Button>
        </div>
        <div className="flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4">
          <div className="w-full sm:w-72">
            <Field
              label="Save this mapping as"
              name="mappingName"
              defaultValue={mappingName ?? ""}
              maxLength={80}
              hint="For example “HR system weekly export”: the next file from that source is read the same way."
            />
          </div>
          <Button type="submit" name="intent" value="save-mapping" variant="secondary" disabled={busy}>
            Save mapping
          </Button>
        </div>
      </Form>
    </section>
  );
}
