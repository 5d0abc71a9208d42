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
  previewView,
  storeUpload,
  tooManyBytesMessage,
  type Preview,
} from "~/.server/people/import/import";
import { importJobFor, runningImportJobFor, startImportJob } from "~/.server/people/import/jobs";
import { countNotInvitedFromImport, inviteImported, summarizeInvitations } from "~/.server/people/not-invited";
import { ImportPreview } from "~/components/import-preview";
import { InvitationSummaryNotice } from "~/components/invitation-summary";
import { ImportProgress } from "~/components/import-progress";
import { Button, Notice, PageHeader } from "~/components/ui";

export const meta: MetaFunction = () => [{ title: "Import people · Baton" }];

const JOB_ID = /^[0-9a-f-]{36}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const jobId = new URL(request.url).searchParams.get("job");
  // A job is shown only to the person who started it; results are kept for 30 minutes.
  const job = jobId === null ? await runningImportJobFor(viewer.id) : JOB_ID.test(jobId) ? await importJobFor(jobId, viewer.id) : null;
  const notInvited = job?.state === "done" && job.result ? await countNotInvitedFromImport(job.result.importedAt) : 0;
  return { limits: IMPORT_LIMITS_TEXT, job, notInvited, unknownJob: jobId !== null && job === null };
}

const InviteImportedSchema = z.object({ intent: z.literal("invite-new"), job: z.string().regex(JOB_ID) });

const ConfirmSchema = z.object({
  intent: z.literal("confirm"),
  upload: z.string().regex(/^[a-f0-9]{64}$/),
  fingerprint: z.string().regex(/^[a-f0-9]{64}$/),
  deactivateMissing: z.preprocess((v) => v === "on", z.boolean()),
});

const fail = (message: string, status = 400) => data({ kind: "error" as const, message }, { status });

/** A UTF-8 file (a BOM is fine); anything else is refused with a way to fix it. */
async function readUpload(request: Request): Promise<{ text: string; fileName: string } | { error: string }> {
  let form: FormData;
  try {
    form = await readUploadForm(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { error: tooManyBytesMessage() };
    throw error;
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return { error: "Choose a CSV file to upload." };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    return { text, fileName: "name" in file && typeof file.name === "string" && file.name ? file.name.slice(0, 200) : "upload.csv" };
  } catch {
    return { error: "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and upload it again." };
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request, { role: "HR" });
  const ctx = { actor: viewer, ip: clientIp(request) };
  const previewData = (preview: Preview, fileName: string, upload: string | null, message?: string) =>
    preview.ok
      ? { kind: "preview" as const, fileName, upload, message: message ?? null, preview: previewView(preview) }
      : { kind: "error" as const, message: preview.message };

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const read = await readUpload(request);
    if ("error" in read) return fail(read.error);
    const preview = await previewImport(read.text, viewer.id);
    if (!preview.ok) return fail(preview.message);
    // Only a clean file can be confirmed, so only a clean file is kept for the confirmation.
    const upload = preview.plan.problems.length === 0 ? await storeUpload(read.text, read.fileName, viewer.id) : null;
    const result = previewData(preview, read.fileName, upload);
    return preview.plan.problems.length > 0 ? data(result, { status: 400 }) : result;
  }

  const form = await readForm(request);
  if (form.get("intent") === "invite-new") {
    const invite = parseForm(form, InviteImportedSchema);
    const job = invite.ok ? await importJobFor(invite.data.job, viewer.id) : null;
    if (!job?.result) return fail("This import is not known here: results are kept for 30 minutes after it finishes.", 404);
    return { kind: "invited" as const, summary: summarizeInvitations(await inviteImported(job.result.importedAt, ctx)) };
  }
  const parsed = parseForm(form, ConfirmSchema);
  if (!parsed.ok) return fail("This preview is no longer valid. Upload the file again.");
  const upload = await findUpload(parsed.data.upload, viewer.id);
  if (!upload) return fail(EXPIRED_PREVIEW, 409);
  // The job re-reads and re-checks the stored file; if Baton changed since the preview, it shows the new one.
  const job = await startImportJob(
    { id: parsed.data.upload, fileName: upload.fileName },
    { deactivateMissing: parsed.data.deactivateMissing, fingerprint: parsed.data.fingerprint },
    ctx,
  );
  if (!job.ok) return fail(job.message, 409);
  return redirect(`/hr/import?job=${job.id}`);
}

export default function ImportPeople() {
  const { limits, job, notInvited, unknownJob } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageHeader title="Import people" description="Upload the CSV your HR system exports. You will see what changes before anything is saved." />
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
            CSV file
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            className="mt-1 block w-full text-sm"
            aria-describedby="import-file-hint"
          />
          <p id="import-file-hint" className="mt-1 text-sm text-slate-500">
            Columns: email, name, department, job title, manager email, start date (YYYY-MM-DD), and optionally role (learner, manager or HR). UTF-8, separated
            by commas or semicolons. People are matched by email; no one is deleted. {limits}
          </p>
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? "Checking…" : "Preview import"}
        </Button>
      </Form>
      {actionData?.kind === "preview" ? (
        <ImportPreview fileName={actionData.fileName} upload={actionData.upload} message={actionData.message} preview={actionData.preview} busy={busy} />
      ) : null}
    </>
  );
}
