import {
  MaxPartSizeExceededError,
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/.server/auth/require-user";
import { parseForm } from "~/.server/forms/parse";
import { readForm, readUploadForm } from "~/.server/forms/read";
import { clientIp } from "~/.server/http";
import {
  EXPIRED_PREVIEW,
  IMPORT_LIMITS_TEXT,
  MAX_IMPORT_BYTES,
  findUpload,
  previewImport,
  previewUpload,
  previewView,
  storeUpload,
  tooManyBytesMessage,
  type ImportOptions,
  type Preview,
} from "~/.server/people/import/import";
import { listMappings, mappingByName, saveMapping } from "~/.server/people/import/saved-mappings";
import { workbookText } from "~/.server/people/import/uploaded-file";
import { readWorkbook } from "~/.server/people/import/xlsx";
import { importJobFor, runningImportJobFor, startImportJob } from "~/.server/people/import/jobs";
import { countNotInvitedFromImport, inviteImported, summarizeInvitations } from "~/.server/people/not-invited";
import { ImportPreview } from "~/components/import-preview";
import { InvitationSummaryNotice } from "~/components/invitation-summary";
import { ImportProgress } from "~/components/import-progress";
import { Button, Notice, PageHeader, SelectField } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Import people · Baton" }];

const JOB_ID = /^[0-9a-f-]{36}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const jobId = new URL(request.url).searchParams.get("job");
  // A job is shown only to the person who started it; results are kept for 30 minutes.
  const job = jobId === null ? await runningImportJobFor(viewer.id) : JOB_ID.test(jobId) ? await importJobFor(jobId, viewer.id) : null;
  const notInvited = job?.state === "done" && job.result ? await countNotInvitedFromImport(job.result.importedAt) : 0;
  const savedMappings = (await listMappings()).map((m) => m.name);
  return { limits: IMPORT_LIMITS_TEXT, job, notInvited, unknownJob: jobId !== null && job === null, savedMappings };
}

const InviteImportedSchema = z.object({ intent: z.literal("invite-new"), job: z.string().regex(JOB_ID) });

const UPLOAD_ID = z.string().regex(/^[a-f0-9]{64}$/);

/** How HR asked to read the file: the field chosen per column, the date order, the sheet. */
const ReadingSchema = z.object({
  dateOrder: z
    .enum(["", "dmy", "mdy"])
    .optional()
    .transform((v) => v || undefined),
  sheet: z.string().max(200).optional(),
});

const ConfirmSchema = ReadingSchema.extend({
  intent: z.literal("confirm"),
  upload: UPLOAD_ID,
  fingerprint: z.string().regex(/^[a-f0-9]{64}$/),
  deactivateMissing: z.preprocess((v) => v === "on", z.boolean()),
});

const RemapSchema = ReadingSchema.extend({
  intent: z.enum(["remap", "save-mapping"]),
  upload: UPLOAD_ID,
  mappingName: z.string().max(200).optional(),
  /** The sheet the selects were shown for, and the saved mapping the file was read with. */
  shownSheet: z.string().max(200).optional(),
  readWith: z.string().max(200).optional(),
});

const MAX_COLUMNS = 500;

/** The preview's selects, one per column in order (`column.0`, `column.1`, …): the field each column feeds, or "". */
function columnChoices(form: FormData): string[] | undefined {
  const choices: string[] = [];
  for (let i = 0; i < MAX_COLUMNS && form.has(`column.${i}`); i++) choices.push(String(form.get(`column.${i}`)).slice(0, 50));
  return choices.length ? choices : undefined;
}

const fail = (message: string, status = 400) => data({ kind: "error" as const, message }, { status });

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A UTF-8 CSV (a BOM is fine) or an Excel workbook; anything else is refused with a way to fix it. */
async function readUpload(request: Request): Promise<{ text: string; fileName: string; savedMapping: string } | { error: string }> {
  let form: FormData;
  try {
    form = await readUploadForm(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { error: tooManyBytesMessage() };
    throw error;
  }
  const file = form.get("file");
  const savedMapping = String(form.get("savedMapping") ?? "").slice(0, 200);
  if (!(file instanceof Blob) || file.size === 0) return { error: "Choose a CSV or Excel file to upload." };
  const fileName = "name" in file && typeof file.name === "string" && file.name ? file.name.slice(0, 200) : "upload.csv";
  if (file.type === XLSX_TYPE || /\.xlsx$/i.test(fileName)) {
    const workbook = await readWorkbook(Buffer.from(await file.arrayBuffer()));
    return workbook.ok ? { text: workbookText(workbook.sheets), fileName, savedMapping } : { error: workbook.message };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    return { text, fileName, savedMapping };
  } catch {
    return { error: "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and upload it again." };
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const ctx = { actor: viewer, ip: clientIp(request) };
  const previewData = (
    preview: Preview,
    fileName: string,
    upload: string | null,
    extra: { message?: string; saved?: string; mappingName?: string | null; dateOrder?: string } = {},
  ) =>
    preview.ok
      ? {
          kind: "preview" as const,
          fileName,
          upload,
          message: extra.message ?? null,
          saved: extra.saved ?? null,
          mappingName: extra.mappingName ?? null,
          dateOrder: extra.dateOrder ?? "",
          preview: previewView(preview),
        }
      : { kind: "error" as const, message: preview.message };
  const answer = (result: ReturnType<typeof previewData>) =>
    result.kind === "preview" && result.preview.counts.problems > 0 ? data(result, { status: 400 }) : result;

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const read = await readUpload(request);
    if ("error" in read) return fail(read.error);
    const saved = read.savedMapping ? await mappingByName(read.savedMapping) : null;
    if (read.savedMapping && !saved) return fail(`There is no saved mapping called “${read.savedMapping}”.`);
    const options: ImportOptions = saved ? { mapping: saved.mapping, dateOrder: saved.dateOrder ?? undefined } : {};
    const preview = await previewImport(read.text, viewer.id, options);
    if (!preview.ok) return fail(preview.message);
    // Kept even with problems: choosing other columns or another date order may be all it needs.
    const upload = await storeUpload(read.text, read.fileName, viewer.id);
    return answer(previewData(preview, read.fileName, upload, { mappingName: saved?.name ?? null, dateOrder: saved?.dateOrder ?? "" }));
  }

  const form = await readForm(request);
  if (form.get("intent") === "invite-new") {
    const invite = parseForm(form, InviteImportedSchema);
    const job = invite.ok ? await importJobFor(invite.data.job, viewer.id) : null;
    if (!job?.result) return fail("This import is not known here: results are kept for 30 minutes after it finishes.", 404);
    return { kind: "invited" as const, summary: summarizeInvitations(await inviteImported(job.result.importedAt, ctx)) };
  }
  if (form.get("intent") === "remap" || form.get("intent") === "save-mapping") {
    const parsed = parseForm(form, RemapSchema);
    if (!parsed.ok) return fail("This preview is no longer valid. Upload the file again.");
    // Another sheet has other columns: read it as the file was first read (its saved mapping, or the proposal).
    const sheetChanged = (parsed.data.sheet ?? "") !== (parsed.data.shownSheet ?? "");
    const readWith = sheetChanged && parsed.data.readWith ? await mappingByName(parsed.data.readWith) : null;
    const options: ImportOptions = sheetChanged
      ? { mapping: readWith?.mapping, dateOrder: readWith?.dateOrder ?? undefined, sheet: parsed.data.sheet }
      : { choices: columnChoices(form), dateOrder: parsed.data.dateOrder, sheet: parsed.data.sheet };
    const again = await previewUpload(parsed.data.upload, viewer.id, options);
    if (!again.ok) return fail(again.message, 409);
    if (!again.preview.ok) return fail(again.preview.message);
    const dateOrder = options.dateOrder ?? "";
    if (parsed.data.intent === "remap")
      return answer(previewData(again.preview, again.fileName, parsed.data.upload, { dateOrder, mappingName: readWith?.name ?? null }));
    const headerProblems = again.preview.plan.problems.filter((p) => p.line === 1);
    if (headerProblems.length > 0)
      return answer(
        previewData(again.preview, again.fileName, parsed.data.upload, { message: "Fix the columns before saving the mapping: nothing was saved.", dateOrder }),
      );
    const saved = await saveMapping(parsed.data.mappingName ?? "", again.preview.columns.mapping, parsed.data.dateOrder ?? null, viewer, { ip: ctx.ip });
    return answer(
      previewData(
        again.preview,
        again.fileName,
        parsed.data.upload,
        saved.ok ? { saved: saved.mapping.name, mappingName: saved.mapping.name, dateOrder } : { message: saved.message, dateOrder },
      ),
    );
  }
  const parsed = parseForm(form, ConfirmSchema);
  if (!parsed.ok) return fail("This preview is no longer valid. Upload the file again.");
  const upload = await findUpload(parsed.data.upload, viewer.id);
  if (!upload) return fail(EXPIRED_PREVIEW, 409);
  // The job re-reads and re-checks the stored file, read the same way; if Baton changed since the preview, it shows the new one.
  const job = await startImportJob(
    { id: parsed.data.upload, fileName: upload.fileName },
    {
      deactivateMissing: parsed.data.deactivateMissing,
      fingerprint: parsed.data.fingerprint,
      choices: columnChoices(form),
      dateOrder: parsed.data.dateOrder,
      sheet: parsed.data.sheet,
    },
    ctx,
  );
  if (!job.ok) return fail(job.message, 409);
  return redirect(`/hr/import?job=${job.id}`);
}

export default function ImportPeople() {
  const { limits, job, notInvited, unknownJob, savedMappings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageHeader
        title="Import people"
        description="Upload the file your HR system exports (CSV or Excel). You will see how its columns are read and what changes before anything is saved."
      />
      <div className="mb-6 space-y-2">
        {actionData?.kind === "error" ? <Notice tone="error">{actionData.message}</Notice> : null}
        {unknownJob && !actionData ? <Notice tone="error">This import is not known here: results are kept for 30 minutes after it finishes.</Notice> : null}
        {actionData?.kind === "invited" ? <InvitationSummaryNotice summary={actionData.summary} /> : null}
        {job && !actionData ? <ImportProgress job={job} /> : null}
        {job && notInvited > 0 && actionData?.kind !== "invited" ? (
          <Form method="post" action={`/hr/import?job=${job.id}`} className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="intent" value="invite-new" />
            <input type="hidden" name="job" value={job.id} />
            <Button type="submit" disabled={busy}>
              Invite the {notInvited.toLocaleString("en-GB")} new {notInvited === 1 ? "person" : "people"}
            </Button>
            <span className="text-sm text-slate-600">Each gets an e-mail with a one-time link to set a password, valid for 7 days.</span>
          </Form>
        ) : null}
      </div>
      <Form
        method="post"
        action="/hr/import"
        encType="multipart/form-data"
        className="mb-8 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6"
      >
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
            File
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            // A real file input, styled: its button takes the primary look, the chosen file's name shows beside it and wraps on phones.
            className="mt-1 block w-full min-w-0 cursor-pointer rounded-md border border-dashed border-slate-300 bg-slate-50 p-2 text-sm text-slate-700 file:mr-3 file:cursor-pointer file:rounded-md file:border-0 file:bg-brand-600 file:px-4 file:py-2 file:text-sm file:font-semibold file:text-white hover:border-brand-600 hover:file:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            aria-describedby="import-file-hint"
          />
          <p id="import-file-hint" className="mt-1 text-sm text-slate-500">
            A CSV (UTF-8, commas or semicolons) or an Excel workbook with a header row, as your HR system exports it: Baton proposes what each column holds
            (e-mail, names, department, job title, start date, manager, employee id, location, employment status, role) and you can change it. People are
            matched by employee id, then e-mail; no one is deleted. {limits}
          </p>
        </div>
        {savedMappings.length > 0 ? (
          <div className="w-full sm:w-80">
            <SelectField label="Read it with a saved mapping" name="savedMapping" defaultValue="">
              <option value="">No: propose from the column names</option>
              {savedMappings.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </SelectField>
          </div>
        ) : null}
        <Button type="submit" disabled={busy}>
          {busy ? "Checking…" : "Preview import"}
        </Button>
      </Form>
      {actionData?.kind === "preview" ? (
        <ImportPreview
          fileName={actionData.fileName}
          upload={actionData.upload}
          message={actionData.message}
          preview={actionData.preview}
          busy={busy}
          reading={{ dateOrder: actionData.dateOrder, mappingName: actionData.mappingName, saved: actionData.saved }}
        />
      ) : null}
    </>
  );
}
