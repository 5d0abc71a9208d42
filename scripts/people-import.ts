// npm run people:import -- people.csv|people.xlsx [--mapping "<saved mapping>"] [--date-order dmy|mdy] [--sheet "<name>"] [--dry-run] [--deactivate-missing]
// Imports people from an HR-system CSV into DATABASE_URL (default data/baton.db), as the Import page does:
// every row is checked first, and nothing is written unless the whole file is good; then one transaction.
// The columns are read with a saved mapping (--mapping), or with the mapping the header names suggest when every
// field is matched unambiguously; otherwise it stops (exit 2) and says what is unclear. It always prints the
// mapping it used. The same size limits as the page: up to MAX_IMPORT_ROWS people and MAX_IMPORT_BYTES per file.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import cliProgress from "cli-progress";
import { prisma } from "../app/.server/db";
import {
  IMPORT_LIMITS_TEXT,
  MAX_IMPORT_BYTES,
  previewImport,
  runImport,
  tooManyBytesMessage,
  type ImportOptions,
  type Preview,
} from "../app/.server/people/import/import";
import { FIELD_SPECS, IMPORT_FIELDS } from "../app/.server/people/import/mapping/fields";
import type { Mapping } from "../app/.server/people/import/mapping/propose";
import { listMappings, mappingByName } from "../app/.server/people/import/saved-mappings";
import { workbookText } from "../app/.server/people/import/uploaded-file";
import { readWorkbook } from "../app/.server/people/import/xlsx";

const USAGE =
  `Usage: npm run people:import -- <file.csv> [--mapping "<saved mapping>"] [--date-order dmy|mdy] [--sheet "<name>"] [--dry-run] [--deactivate-missing]\n` +
  IMPORT_LIMITS_TEXT;

type Args = { file: string; dryRun: boolean; deactivateMissing: boolean; mapping?: string; dateOrder?: "dmy" | "mdy"; sheet?: string };

/** The command line, or null when it is not one this script takes. */
function parseArgs(argv: string[]): Args | null {
  const args: Partial<Args> & { dryRun: boolean; deactivateMissing: boolean } = { dryRun: false, deactivateMissing: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--dry-run") args.dryRun = true;
    else if (flag === "--deactivate-missing") args.deactivateMissing = true;
    else if (flag === "--mapping") args.mapping = value();
    else if (flag === "--sheet") args.sheet = value();
    else if (flag === "--date-order") {
      const order = value();
      if (order !== "dmy" && order !== "mdy") return null;
      args.dateOrder = order;
    } else if (flag.startsWith("--") || args.file) return null;
    else args.file = flag;
  }
  if (!args.file || args.mapping === "" || args.sheet === "") return null;
  return { ...args, file: args.file };
}

const described = (mapping: Mapping) => IMPORT_FIELDS.flatMap((f) => (mapping[f] ? [`  ${mapping[f]} → ${FIELD_SPECS[f].label}`] : []));

function printColumns(preview: Extract<Preview, { ok: true }>) {
  const { columns, dates } = preview;
  console.log("Columns:");
  for (const line of described(columns.mapping)) console.log(line);
  if (columns.unmapped.length > 0) console.log(`Ignored columns: ${columns.unmapped.join(", ")}`);
  if (dates.order === "dmy" || dates.order === "mdy") {
    const words = dates.order === "dmy" ? "day/month" : "month/day";
    console.log(`Dates: ${words}${"decidedBy" in dates && dates.decidedBy ? ` (shown by “${dates.decidedBy.value}” on line ${dates.decidedBy.line})` : ""}`);
  }
}

function printProblems(plan: Extract<Preview, { ok: true }>["plan"]) {
  const shown = plan.problems.slice(0, 50);
  console.error(`\n${plan.problems.length} ${plan.problems.length === 1 ? "problem" : "problems"} to fix (nothing was imported):`);
  for (const p of shown) console.error(`  line ${p.line}: ${p.message}`);
  if (plan.problems.some((p) => p.message.includes("day/month order"))) console.error("  (run again with --date-order dmy or --date-order mdy)");
  if (plan.problems.length > shown.length) console.error(`  … and ${plan.problems.length - shown.length} more`);
}

function printPlan(plan: Extract<Preview, { ok: true }>["plan"], deactivateMissing: boolean) {
  console.log(`${plan.rowCount} rows: ${plan.creates.length} to create, ${plan.updates.length} to update, ${plan.unchanged} unchanged.`);
  if (plan.deactivate.length > 0) console.log(`${plan.deactivate.length} to deactivate (their employment status says they left).`);
  if (plan.skipped.length > 0) console.log(`${plan.skipped.length} skipped: new in the file but already left.`);
  if (plan.missing.length > 0) {
    console.log(
      `${plan.missing.length} active people in Baton are not in the file: ${deactivateMissing ? "they will be deactivated" : "left as they are (--deactivate-missing to deactivate them)"}.`,
    );
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  const { file, dryRun, deactivateMissing } = args;
  let text: string;
  try {
    const bytes = statSync(file).size;
    if (bytes > MAX_IMPORT_BYTES) {
      console.error(tooManyBytesMessage(bytes));
      return 1;
    }
    if (/\.xlsx$/i.test(file)) {
      // A workbook is read as the Import page reads it: the first sheet, or --sheet.
      const workbook = await readWorkbook(readFileSync(file));
      if (!workbook.ok) {
        console.error(workbook.message);
        return 1;
      }
      text = workbookText(workbook.sheets);
    } else text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file));
  } catch (error) {
    console.error((error as NodeJS.ErrnoException).code === "ENOENT" ? `No such file: ${file}` : `${file} is not UTF-8 text: save it as “CSV UTF-8”.`);
    return 1;
  }

  const options: ImportOptions = { dateOrder: args.dateOrder, sheet: args.sheet };
  if (args.mapping !== undefined) {
    const saved = await mappingByName(args.mapping);
    if (!saved) {
      const names = (await listMappings()).map((m) => `“${m.name}”`);
      console.error(
        `No saved mapping is called “${args.mapping}”. ${names.length > 0 ? `Saved mappings: ${names.join(", ")}.` : "None is saved yet: save one on the Import page."}`,
      );
      return 2;
    }
    options.mapping = saved.mapping;
    options.dateOrder ??= saved.dateOrder ?? undefined;
    console.log(`Mapping: “${saved.name}”`);
  }

  const started = performance.now();
  const preview = await previewImport(text, undefined, options);
  if (!preview.ok) {
    console.error(preview.message);
    return 1;
  }
  if (!options.mapping && preview.columns.unclear.length > 0) {
    console.error("The columns cannot be matched unambiguously, so nothing was imported. The header names suggest:");
    for (const line of described(preview.columns.proposal)) console.error(line);
    console.error("Unclear:");
    for (const reason of preview.columns.unclear) console.error(`  ${reason}`);
    console.error('Save a mapping for this source on the Import page and run again with --mapping "<name>".');
    return 2;
  }
  printColumns(preview);
  printPlan(preview.plan, deactivateMissing);
  if (preview.plan.problems.length > 0) {
    printProblems(preview.plan);
    return 1;
  }
  if (dryRun) {
    console.log(`Dry run: nothing was written (${((performance.now() - started) / 1000).toFixed(1)} s).`);
    return 0;
  }

  const bar = new cliProgress.SingleBar(
    { format: "Importing [{bar}] {percentage}% | {value}/{total} people | {duration_formatted}", hideCursor: true, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  let barStarted = false;
  const result = await runImport(
    text,
    {
      deactivateMissing,
      fileName: basename(file),
      source: "cli",
      expectFingerprint: preview.fingerprint,
      ...options,
      onProgress: (done, total) => {
        if (!barStarted) {
          bar.start(total, 0);
          barStarted = true;
        }
        bar.update(done);
      },
    },
    { actor: null, ip: null },
  );
  if (barStarted) bar.stop();
  if (!result.ok) {
    console.error(result.message);
    if (result.preview?.ok) printProblems(result.preview.plan);
    return 1;
  }
  console.log(
    `Imported in ${((performance.now() - started) / 1000).toFixed(1)} s: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ` +
      `${result.deactivated} deactivated; ${result.assigned} curriculum assignments made by group rules.`,
  );
  return 0;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
