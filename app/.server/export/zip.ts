/**
 * "Export everything": one zip of CSV files and a README, streamed. Each file is read a page at a time only when
 * the zip reaches it and as fast as the download takes it, so a large organisation's export never sits whole in
 * memory. The README comes last, so its row counts are those actually written.
 */
import { PassThrough, Readable } from "node:stream";
import yazl from "yazl";
import packageJson from "../../../package.json";
import { recordAudit } from "../audit/audit";
import { componentLogger } from "../log";
import type { ExportFile } from "./columns";
import { EXPORT_FILES } from "./files";
import { exportReadme } from "./readme";

const log = componentLogger("export");

/** The zip's bytes as they are produced. A failure part-way ends the stream with an error (never a zip that looks whole). */
export function exportZip(files: readonly ExportFile[], exportedAt: Date, batonVersion: string = packageJson.version): Readable {
  const zip = new yazl.ZipFile();
  const out = new PassThrough();
  const rows: Record<string, number> = {};
  let current: Readable | null = null;
  const fail = (error: unknown) => {
    log.error({ err: error }, "data export failed");
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  };
  zip.on("error", fail);
  const entry = (name: string, parts: () => AsyncGenerator<string>) =>
    zip.addReadStreamLazy(name, { mtime: exportedAt }, (ready) => {
      current = Readable.from(bytes(parts()), { objectMode: false });
      current.on("error", fail);
      ready(null, current);
    });

  for (const file of files) {
    rows[file.name] = 0;
    entry(file.name, () => file.csv((n) => (rows[file.name] = (rows[file.name] ?? 0) + n)));
  }
  entry("README.md", async function* () {
    yield exportReadme(files, { exportedAt, batonVersion, rows });
  });
  zip.end();
  zip.outputStream.pipe(out);
  // The browser went away: stop reading the database.
  out.on("close", () => current?.destroy());
  return out;
}

async function* bytes(parts: AsyncGenerator<string>): AsyncGenerator<Buffer> {
  for await (const part of parts) yield Buffer.from(part, "utf8");
}

type ExportContext = { actor: { id: string; email: string }; ip: string | null; now: Date };

/** Starts an export for HR: audits it with the row counts it starts from, and returns the zip's name and bytes. */
export async function startDataExport(ctx: ExportContext) {
  const counts: Record<string, number> = {};
  for (const file of EXPORT_FILES) counts[file.name] = await file.count();
  await recordAudit({ action: "data.exported", actor: ctx.actor, target: null, subjectId: null, ip: ctx.ip, details: { rows: counts } });
  return { fileName: `baton-export-${ctx.now.toISOString().slice(0, 10)}.zip`, stream: exportZip(EXPORT_FILES, ctx.now) };
}
