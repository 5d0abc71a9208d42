// npm run people:import -- people.csv [--dry-run] [--deactivate-missing]
// Imports people from an HR-system CSV into DATABASE_URL (default data/baton.db), as the Import page does:
// every row is checked first, and nothing is written unless the whole file is good; then one transaction.
// The same size limits as the page: up to MAX_IMPORT_ROWS people and MAX_IMPORT_BYTES per file.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import cliProgress from "cli-progress";
import { prisma } from "../app/.server/db";
import { IMPORT_LIMITS_TEXT, MAX_IMPORT_BYTES, previewImport, runImport, tooManyBytesMessage, type Preview } from "../app/.server/people/import/import";

const USAGE = `Usage: npm run people:import -- <file.csv> [--dry-run] [--deactivate-missing]\n${IMPORT_LIMITS_TEXT}`;

function printProblems(plan: Extract<Preview, { ok: true }>["plan"]) {
  const shown = plan.problems.slice(0, 50);
  console.error(`\n${plan.problems.length} ${plan.problems.length === 1 ? "problem" : "problems"} to fix (nothing was imported):`);
  for (const p of shown) console.error(`  line ${p.line}: ${p.message}`);
  if (plan.problems.length > shown.length) console.error(`  … and ${plan.problems.length - shown.length} more`);
}

function printPlan(plan: Extract<Preview, { ok: true }>["plan"], deactivateMissing: boolean) {
  console.log(`${plan.rowCount} rows: ${plan.creates.length} to create, ${plan.updates.length} to update, ${plan.unchanged} unchanged.`);
  if (plan.missing.length > 0) {
    console.log(
      `${plan.missing.length} active people in Baton are not in the file: ${deactivateMissing ? "they will be deactivated" : "left as they are (--deactivate-missing to deactivate them)"}.`,
    );
  }
}

async function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--dry-run" && a !== "--deactivate-missing");
  if (!file || unknown.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const dryRun = args.includes("--dry-run");
  const deactivateMissing = args.includes("--deactivate-missing");
  let text: string;
  try {
    const bytes = statSync(file).size;
    if (bytes > MAX_IMPORT_BYTES) {
      console.error(tooManyBytesMessage(bytes));
      return 1;
    }
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file));
  } catch (error) {
    console.error((error as NodeJS.ErrnoException).code === "ENOENT" ? `No such file: ${file}` : `${file} is not UTF-8 text: save it as “CSV UTF-8”.`);
    return 1;
  }

  const started = performance.now();
  const preview = await previewImport(text);
  if (!preview.ok) {
    console.error(preview.message);
    return 1;
  }
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
