// npm run content:diff — before deploying: build content/ without writing anything, compare each course with the
// version the database last recorded, and print which lessons changed, material or minor, and how many people each
// material change would re-open. Changes nothing; exit 0 (1 only when content/ has problems).
import { join } from "node:path";
import { buildLibrary } from "../app/.server/content/compile";
import { pendingVersions } from "../app/.server/content/versions/recorded";
import { prisma } from "../app/.server/db";

// As content:build reads and writes them (scripts/content-build.ts runs its build when imported, so not from there).
const CONTENT_DIR = process.env.CONTENT_DIR ?? "content";
const OUT_DIR = process.env.CONTENT_OUT_DIR ?? join(".cache", "content");

const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

async function main() {
  const tty = process.stdout.isTTY;
  const result = await buildLibrary({
    contentDir: CONTENT_DIR,
    outDir: OUT_DIR,
    checkOnly: true,
    onFile: ({ index, total, file }) => {
      if (tty) process.stdout.write(`\r\x1b[KChecking content [${index}/${total}] ${file}`);
    },
  });
  if (tty) process.stdout.write("\r\x1b[K");
  if (!result.catalog) {
    console.error(`content/ has ${result.problems.length} problem(s): run npm run content:check to see them.`);
    process.exitCode = 1;
    return;
  }
  const pending = await pendingVersions(result.catalog.courses);
  const first = pending.filter((p) => p.first);
  const changed = pending.filter((p) => !p.first);
  if (pending.length === 0) console.log(`Every course's version is recorded: nothing to apply.`);
  for (const course of changed) {
    console.log(`\n${course.title} (${course.slug}), version ${course.version.slice(0, 8)}`);
    if (course.changes.length === 0) console.log("  No lesson changed (only the course's front page or changelog): nothing re-opens.");
    for (const c of course.changes) {
      const verdict = c.kind === "changed" ? (c.material ? "MATERIAL" : "minor") : c.kind;
      const impact = c.kind === "changed" && c.material ? ` → would re-open it for ${people(c.people)}` : "";
      const day = c.changedOn ? ` (${c.changedOn})` : "";
      console.log(`  ${verdict.padEnd(8)} ${c.title}: ${c.note}${day}${impact}`);
    }
    if (course.people > 0) console.log(`  In all: ${people(course.people)} would be told to review lessons.`);
  }
  if (first.length > 0) {
    console.log(`\n${first.length} course(s) have no recorded version yet; applying records each as its first, re-opening nothing:`);
    console.log(`  ${first.map((c) => c.slug).join(", ")}`);
  }
  if (pending.length > 0) console.log(`\nApply with npm run content:apply (after content:build), or from each course's page under Courses.`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
