// npm run readiness:verify [-- --freshen]
// Recomputes every person's readiness from the raw tables with the rules in docs/readiness.md and compares it
// with the stored summary. Prints the people checked and every difference; exits 1 on any.
// --freshen first recomputes rows that are stale by design (marked by a bulk write, or past their next change).
import { prisma } from "../app/.server/db";
import { freshenReadiness } from "../app/.server/readiness/upkeep";
import { verifyReadiness } from "../app/.server/readiness/verify";

async function main() {
  const now = new Date();
  if (process.argv.includes("--freshen")) console.log(`Freshened ${await freshenReadiness(now)} stale summaries first.`);
  const { checked, stale, differences } = await verifyReadiness(now);
  console.log(`Checked ${checked} people against the rules; ${stale} stale by design (recomputed before anyone reads them).`);
  for (const d of differences.slice(0, 200)) console.log(`DIFFERENT ${d.name} (${d.personId}) ${d.what}: stored ${d.stored}, derived ${d.derived}`);
  if (differences.length > 200) console.log(`… and ${differences.length - 200} more differences.`);
  console.log(differences.length === 0 ? "The stored readiness summary equals the derivation." : `${differences.length} differences.`);
  process.exitCode = differences.length === 0 ? 0 : 1;
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
