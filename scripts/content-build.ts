// npm run content:build  — compile content/ into .cache/content (cached by content hash)
// npm run content:check  — validate and compile everything, write nothing; exit 1 on any problem
import { join } from "node:path";
import { buildLibrary } from "../app/.server/content/compile";
import { checkBehaviours } from "../app/.server/stories/behaviours";

export const CONTENT_DIR = process.env.CONTENT_DIR ?? "content";
export const OUT_DIR = process.env.CONTENT_OUT_DIR ?? join(".cache", "content");

async function main() {
  const checkOnly = process.argv.includes("--check");
  const started = performance.now();
  const tty = process.stdout.isTTY;
  const result = await buildLibrary({
    contentDir: CONTENT_DIR,
    outDir: OUT_DIR,
    checkOnly,
    onFile: ({ index, total, file, cached }) => {
      const line = `[${String(index).padStart(String(total).length)}/${total}] ${cached ? "cached  " : "compiled"} ${file}`;
      if (tty) process.stdout.write(`\r\x1b[K${line}`);
      else console.log(line);
    },
  });
  if (tty) process.stdout.write("\n");
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // The service behaviours stories are filed under live in content/ too (content/behaviours.yml).
  const problems = [...result.problems, ...checkBehaviours(CONTENT_DIR)];
  if (result.warnings.length > 0) {
    console.warn(`\n${result.warnings.length} warning(s) (the library still builds):`);
    for (const w of result.warnings) console.warn(`  ${w.file}${w.line ? `:${w.line}` : ""}: ${w.message}`);
  }
  if (problems.length > 0) {
    console.error(`\nThe course library has ${problems.length} problem(s):`);
    for (const p of problems) console.error(`  ${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`);
    process.exit(1);
  }
  const courses = result.catalog?.courses ?? [];
  const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
  console.log(
    `${checkOnly ? "Checked" : "Built"} ${courses.length} courses, ${lessons} lessons in ${seconds}s (${result.compiled} compiled, ${result.cached} from cache)${checkOnly ? "" : ` → ${OUT_DIR}`}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
