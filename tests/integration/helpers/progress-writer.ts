/**
 * A second process writing learner progress through Baton's own data layer, as a busy server would.
 * Prints `person <id>` once, then `row <lessonSlug>` once a quiz attempt at that lesson is started and
 * submitted (two transactions: the start claims the attempt and opens the lesson; the submit stores the
 * results and completes the lesson), so a test knows exactly what must survive a crash. Stops after `--rows N` (default: when killed); `--pause-ms N`
 * leaves a gap between transactions, as a server between requests does.
 *
 *   DATABASE_URL=file:/tmp/x.db node --import tsx tests/integration/helpers/progress-writer.ts [--rows N] [--pause-ms N]
 */
import { getCourse } from "~/.server/content/catalog";
import { prisma } from "~/.server/db";
import { takeQuiz } from "./quiz";

const DRILL_COURSE = "internal-customer-service";

async function main() {
  // Never outlive the test that started us: it holds our stdin open until it exits.
  process.stdin.on("close", () => process.exit(2)).resume();
  const option = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : undefined;
  };
  const limit = option("--rows") ?? Infinity;
  const pauseMs = option("--pause-ms") ?? 0;
  const course = getCourse(DRILL_COURSE);
  const lesson = course?.lessons.find((l) => l.quiz);
  if (!course || !lesson) throw new Error(`no quiz in ${DRILL_COURSE}`);
  const person = await prisma.person.create({
    data: { email: `writer-${process.pid}-${Date.now()}@test.baton`, name: "Writer Process", role: "LEARNER" },
    select: { id: true },
  });
  console.log(`person ${person.id}`);
  for (let i = 1; i <= limit; i++) {
    // Each row is one quiz attempt, passed: its results and the lesson's completion commit in one transaction.
    const slug = `drill-${i}`;
    const outcome = await takeQuiz({ personId: person.id, course, lesson: { ...lesson, slug } }, 1, "right");
    if (outcome.kind !== "graded" || !outcome.passed) throw new Error(`row ${slug} was not recorded: ${outcome.kind}`);
    console.log(`row ${slug}`);
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  await prisma.$disconnect();
  console.log("done");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
