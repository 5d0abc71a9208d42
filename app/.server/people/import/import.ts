/**
 * People import, start to finish: read the CSV, plan against the people in Baton, and only on HR's
 * confirmation write the plan. The uploaded text is kept on the server between preview and confirmation
 * (keyed by its SHA-256), so what is confirmed is re-read and re-checked here, never taken from the browser.
 * Every step works in slices and lets other requests in between (docs/decisions/010).
 */
import { createHash } from "node:crypto";
import { recordAudit, type AuditContext } from "../../audit/audit";
import { prisma } from "../../db";
import { isUniqueViolation } from "../../db-errors";
import { applyImportPlan, loadExistingPeople, type ImportProgress } from "./apply";
import { MAPPING_FIELDS, mapRows, type ColumnsInfo, type DateOrderOption, type DatesInfo } from "./mapped-rows";
import { IMPORT_FIELDS, type ImportField } from "./mapping/fields";
import { mappingFromColumns, type Mapping } from "./mapping/propose";
import { readUploadedTable } from "./uploaded-file";
import { pacer } from "../../pace";
import { planImport, type ImportPlan } from "./plan";

export { IMPORT_LIMITS_TEXT, MAX_IMPORT_BYTES, tooManyBytesMessage } from "./limits";

/**
 * How to read the file: HR's column mapping — as a mapping (saved, CLI) or as the field chosen for each column (the
 * preview's selects) — else the proposal from its header names; the day/month order; a spreadsheet's sheet.
 */
export type ImportOptions = { mapping?: Mapping; choices?: string[]; dateOrder?: DateOrderOption; sheet?: string };

const asField = (v: string): ImportField | "" => ((IMPORT_FIELDS as readonly string[]).includes(v) ? (v as ImportField) : "");

/** An import run by a script has no actor. */
type ImportContext = { actor: AuditContext["actor"] | null; ip: string | null };

const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

export type Preview =
  | { ok: false; message: string }
  | {
      ok: true;
      plan: ImportPlan;
      /** The header, what it suggests, the mapping used and the columns left out. */
      columns: ColumnsInfo;
      /** The day/month order of the file's dates, and the value that showed it. */
      dates: DatesInfo;
      /** A spreadsheet's sheets and the one read (null for a CSV). */
      sheets: string[] | null;
      sheet: string | null;
      ignoredColumns: string[];
      hasRoleColumn: boolean;
      /** Changes when the plan would change: confirming an outdated preview is refused. */
      fingerprint: string;
    };

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * The SHA-256 of `JSON.stringify([creates, updates, missing ids, leavers' ids, problem count])`, each entry as below, hashed
 * as it is written out: the whole text for 200,000 people would be one long wait for everyone else.
 */
async function fingerprintOf(plan: ImportPlan): Promise<string> {
  const hash = createHash("sha256");
  const pace = pacer();
  const list = async <T>(items: T[], entry: (item: T) => unknown) => {
    hash.update("[");
    for (const [i, item] of items.entries()) {
      if (pace.due()) await pace.pause();
      hash.update((i > 0 ? "," : "") + JSON.stringify(entry(item)));
    }
    hash.update("]");
  };
  hash.update("[");
  await list(plan.creates, (c) => [
    c.email,
    c.name,
    c.role,
    c.department,
    c.jobTitle,
    c.startDate?.getTime() ?? null,
    c.managerEmail,
    c.employeeId,
    c.location,
  ]);
  hash.update(",");
  await list(plan.updates, (u) => [u.id, u.changes]);
  hash.update(",");
  await list(plan.missing, (m) => m.id);
  hash.update(",");
  await list(plan.deactivate, (d) => d.id);
  hash.update(`,${plan.problems.length}]`);
  return hash.digest("hex");
}

/** Read and check a file against Baton as it is now. Writes nothing. */
export async function previewImport(text: string, actorId?: string, options: ImportOptions = {}): Promise<Preview> {
  const read = await readUploadedTable(text, options.sheet);
  if (!read.ok) return read;
  const existing = await loadExistingPeople();
  // Two columns chosen for one field: a problem on the header line, and that field is read from neither.
  const chosen = options.choices ? mappingFromColumns(read.table.headers, options.choices.map(asField)) : null;
  const mapped = await mapRows(read.table, existing, { mapping: chosen?.mapping ?? options.mapping, dateOrder: options.dateOrder });
  if (chosen) mapped.problems.unshift(...chosen.problems);
  const rowCount = read.table.rows.length + read.table.problems.length;
  const plan = await planImport(mapped.rows, existing, { csvProblems: mapped.problems, actorId, rowCount });
  return {
    ok: true,
    plan,
    columns: mapped.columns,
    dates: mapped.dates,
    sheets: read.sheets,
    sheet: read.sheet,
    ignoredColumns: mapped.columns.unmapped,
    hasRoleColumn: Boolean(mapped.columns.mapping.role),
    fingerprint: await fingerprintOf(plan),
  };
}

/** Keep an uploaded file until HR confirms (or for a day). Returns its key. */
export async function storeUpload(text: string, fileName: string, actorId: string, now = new Date()): Promise<string> {
  const id = sha256(`${actorId}\n${text}`);
  await prisma.importUpload.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - UPLOAD_TTL_MS) } } });
  await prisma.importUpload.upsert({
    where: { id },
    create: { id, text, fileName, createdById: actorId, createdAt: now },
    update: { fileName, createdAt: now },
  });
  return id;
}

/** The stored upload, only for the person who uploaded it. */
async function loadUpload(id: string, actorId: string) {
  const upload = await prisma.importUpload.findUnique({ where: { id }, select: { text: true, fileName: true, createdById: true, createdAt: true } });
  if (!upload || upload.createdById !== actorId || upload.createdAt.getTime() < Date.now() - UPLOAD_TTL_MS) return null;
  return upload;
}

/** Whether the upload is still there for this person, and its file name (without reading the file). */
export async function findUpload(id: string, actorId: string): Promise<{ fileName: string } | null> {
  const upload = await prisma.importUpload.findUnique({ where: { id }, select: { fileName: true, createdById: true, createdAt: true } });
  if (!upload || upload.createdById !== actorId || upload.createdAt.getTime() < Date.now() - UPLOAD_TTL_MS) return null;
  return { fileName: upload.fileName };
}

export const EXPIRED_PREVIEW = "This preview has expired. Upload the file again.";

/** Preview a kept upload again, read another way (the preview's column choices, date order or sheet). */
export async function previewUpload(
  uploadId: string,
  actorId: string,
  options: ImportOptions,
): Promise<{ ok: true; fileName: string; preview: Preview } | { ok: false; message: string }> {
  const upload = await loadUpload(uploadId, actorId);
  if (!upload) return { ok: false, message: EXPIRED_PREVIEW };
  return { ok: true, fileName: upload.fileName, preview: await previewImport(upload.text, actorId, options) };
}

export type ImportResult =
  | {
      ok: true;
      created: number;
      updated: number;
      unchanged: number;
      deactivated: number;
      assigned: number;
      /** The moment written as every created person's createdAt. */ importedAt: Date;
    }
  | { ok: false; message: string; preview?: Preview };

/**
 * Import a file: re-plan it against Baton now, refuse if any row is bad, then write everything in one
 * transaction. With `expectFingerprint`, refuse when Baton changed since the preview HR confirmed.
 */
export async function runImport(
  text: string,
  opts: { deactivateMissing: boolean; fileName: string; source: "web" | "cli"; expectFingerprint?: string; onProgress?: ImportProgress } & ImportOptions,
  ctx: ImportContext,
): Promise<ImportResult> {
  const preview = await previewImport(text, ctx.actor?.id, { mapping: opts.mapping, choices: opts.choices, dateOrder: opts.dateOrder, sheet: opts.sheet });
  if (!preview.ok) return { ok: false, message: preview.message };
  const { plan } = preview;
  if (plan.problems.length > 0) {
    return {
      ok: false,
      message: `${plan.problems.length} ${plan.problems.length === 1 ? "row needs" : "rows need"} fixing first. Nothing was imported.`,
      preview,
    };
  }
  if (opts.expectFingerprint && opts.expectFingerprint !== preview.fingerprint) {
    return { ok: false, message: "People in Baton changed since this preview. Check the new preview and confirm again. Nothing was imported.", preview };
  }
  let result;
  try {
    result = await applyImportPlan(plan, { deactivateMissing: opts.deactivateMissing, onProgress: opts.onProgress });
  } catch (error) {
    // Someone added one of these emails while the import ran: the transaction rolled back whole.
    if (isUniqueViolation(error)) {
      return { ok: false, message: "People in Baton changed during the import, so nothing was imported. Try again." };
    }
    throw error;
  }
  await recordAudit({
    action: "people.imported",
    actor: ctx.actor,
    target: opts.fileName,
    ip: ctx.ip,
    details: { source: opts.source, rows: plan.rowCount, ...result, unchanged: plan.unchanged, mapping: preview.columns.mapping },
  });
  return { ok: true, ...result, unchanged: plan.unchanged };
}

/** The web confirmation: the stored upload, re-checked; the upload is removed once imported. */
export async function confirmUpload(
  uploadId: string,
  opts: { deactivateMissing: boolean; fingerprint: string; onProgress?: ImportProgress } & ImportOptions,
  ctx: AuditContext,
): Promise<ImportResult & { fileName?: string }> {
  const upload = await loadUpload(uploadId, ctx.actor.id);
  if (!upload) return { ok: false, message: EXPIRED_PREVIEW };
  const result = await runImport(
    upload.text,
    {
      deactivateMissing: opts.deactivateMissing,
      fileName: upload.fileName,
      source: "web",
      expectFingerprint: opts.fingerprint,
      onProgress: opts.onProgress,
      mapping: opts.mapping,
      choices: opts.choices,
      dateOrder: opts.dateOrder,
      sheet: opts.sheet,
    },
    ctx,
  );
  if (result.ok) await prisma.importUpload.delete({ where: { id: uploadId } }).catch(() => undefined);
  return { ...result, fileName: upload.fileName };
}

const LIST_LIMIT = 100;

/**
 * What the preview page shows: counts, every problem (up to 1,000), the first rows of each list, and what the
 * column mapping needs: each header with the field chosen for it ("" when ignored), the fields to choose from,
 * the proposal, and the dates' order.
 */
export function previewView(preview: Extract<Preview, { ok: true }>) {
  const { plan, columns } = preview;
  const chosen = new Map(Object.entries(columns.mapping).map(([field, header]) => [header.trim().toLowerCase(), field]));
  return {
    fingerprint: preview.fingerprint,
    ignoredColumns: preview.ignoredColumns,
    mapping: {
      columns: columns.headers.map((header, i) => ({ header, field: chosen.get(header.trim().toLowerCase()) ?? "", example: columns.examples[i] ?? "" })),
      fields: MAPPING_FIELDS,
      current: columns.mapping,
      proposal: columns.proposal,
      notes: columns.notes,
      unclear: columns.unclear,
    },
    dates: preview.dates,
    sheets: preview.sheets,
    sheet: preview.sheet,
    rowCount: plan.rowCount,
    counts: {
      create: plan.creates.length,
      update: plan.updates.length,
      unchanged: plan.unchanged,
      problems: plan.problems.length,
      missing: plan.missing.length,
      deactivate: plan.deactivate.length,
      skipped: plan.skipped.length,
    },
    problems: plan.problems.slice(0, 1000),
    creates: plan.creates
      .slice(0, LIST_LIMIT)
      .map((c) => ({ line: c.line, email: c.email, name: c.name, role: c.role, department: c.department, managerEmail: c.managerEmail })),
    updates: plan.updates.slice(0, LIST_LIMIT).map((u) => ({ line: u.line, email: u.email, name: u.name, changes: u.changes })),
    missing: plan.missing.slice(0, LIST_LIMIT),
    deactivate: plan.deactivate.slice(0, LIST_LIMIT).map((d) => ({ line: d.line, email: d.email, name: d.name })),
    skipped: plan.skipped.slice(0, LIST_LIMIT),
  };
}

export type PreviewView = ReturnType<typeof previewView>;
