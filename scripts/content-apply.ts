// npm run content:apply — apply every course version of the built library (npm run content:build) that the database
// has not recorded: material changes re-open the changed lessons for the people who completed them, who are told.
// Run npm run content:diff first to see what it would do.
import { applyAllCourses } from "../app/.server/content/versions/apply";
import { prisma } from "../app/.server/db";

async function main() {
  const results = await applyAllCourses(null, new Date());
  let recorded = 0;
  for (const { course, outcome } of results) {
    if (outcome.kind !== "applied") continue;
    recorded += 1;
    if (outcome.first) {
      console.log(`${course.slug}: recorded version ${course.version.slice(0, 8)} as the first (nothing re-opens)`);
      continue;
    }
    const material = outcome.changes.filter((c) => c.kind === "changed" && c.material).length;
    console.log(`${course.slug}: applied version ${course.version.slice(0, 8)}, ${outcome.changes.length} lesson change(s), ${material} material`);
    for (const r of outcome.reopened) console.log(`  re-opened “${r.title}” for ${r.people} ${r.people === 1 ? "person" : "people"}`);
  }
  console.log(recorded === 0 ? "Every course's version was already recorded: nothing changed." : `Recorded ${recorded} course version(s).`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
