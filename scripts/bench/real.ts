// (e) The pages a real new hire, their manager and HR open — with an in-order curriculum assigned and the
// first course part-way done, so every request pays the assigned-courses lookup — each against a bare
// node:http server sending the same bytes. Imported by index.ts only once DATABASE_URL points at the
// benchmark's database (like data.ts).
import { assignPeople } from "../../app/.server/curricula/assignments";
import { createCurriculum } from "../../app/.server/curricula/curricula";
import { getCatalog } from "../../app/.server/content/catalog";
import { prisma } from "../../app/.server/db";
import { finishLesson } from "../../app/.server/progress/progress";
import { fmt, pageRequests, type Bench } from "./context";
import type { Learner } from "./data";
import { fetchPage, loadSpec, measureBaseline, reportFailures } from "./lesson";
import { measure } from "./load";
import { status } from "./status";

/** New hires on one manager's team: a team page of a believable size. */
const TEAM = 20;

type RealWorld = { hr: Learner; manager: Learner; team: Learner[] };

/**
 * An HR person, a manager and their team, made through Baton's own domain functions: HR creates an in-order
 * curriculum (the benchmark's course first, then the other learner courses) and assigns it to the team; each
 * new hire has completed every other lesson of the first course and is back for the benchmarked one (its quiz),
 * so the first course is part-way and the rest of the curriculum waits behind it. Everyone's progress is the same,
 * so each page is the same bytes whichever team member asks. No quiz attempts: the app has no one-call way
 * to take a quiz outside a request (the quiz part starts and submits them over HTTP).
 */
async function buildRealWorld(b: Bench): Promise<RealWorld> {
  const [hr, manager, ...team] = await b.newLearners(2 + TEAM);
  await prisma.person.update({ where: { id: hr!.id }, data: { role: "HR", jobTitle: "People Partner" } });
  await prisma.person.update({ where: { id: manager!.id }, data: { role: "MANAGER", jobTitle: "Team Lead" } });
  await prisma.person.updateMany({ where: { id: { in: team.map((t) => t.id) } }, data: { managerId: manager!.id } });

  const ctx = { actor: { id: hr!.id, email: hr!.email }, ip: null };
  const others = getCatalog().courses.filter((c) => c.slug !== b.course.slug && !/manager/i.test(c.audience));
  const curriculum = await createCurriculum(
    {
      name: "New hire onboarding",
      description: "Everything a new hire takes in their first weeks.",
      inOrder: true,
      dueRule: { kind: "days", days: 30 },
      courses: [b.course, ...others].map((c) => ({ slug: c.slug, required: true, dueRule: null })),
    },
    ctx,
  );
  const assigned = await assignPeople(
    curriculum.id,
    team.map((t) => t.email),
    ctx,
  );
  if (!assigned.ok) throw new Error(`Assigning the benchmark curriculum failed: ${assigned.message}`);

  const done = b.course.lessons.filter((l) => l !== b.lesson);
  for (const [i, learner] of team.entries()) {
    for (const lesson of done) {
      await finishLesson({ personId: learner.id, courseSlug: b.course.slug, lessonSlug: lesson.slug, courseVersion: b.course.version });
    }
    status.update(`Progress for the team … ${i + 1}/${team.length}`);
  }
  status.log(
    `Real learners: ${team.length} new hires with a ${others.length + 1}-course curriculum in order, ${done.length} lesson(s) done, one manager, one HR person.`,
  );
  return { hr: hr!, manager: manager!, team };
}

export async function realPart(b: Bench) {
  const world = await buildRealWorld(b);
  const teamName = (await prisma.person.findUniqueOrThrow({ where: { id: world.team[0]!.id }, select: { name: true } })).name;
  const pages = [
    { figure: "Lesson page (new hire)", path: b.lessonPath, who: world.team, expect: b.lesson.title },
    { figure: "My learning, /learn (new hire)", path: "/learn", who: world.team, expect: b.course.title },
    { figure: `Course page, /learn/${b.course.slug} (new hire)`, path: `/learn/${b.course.slug}`, who: world.team, expect: b.course.title },
    { figure: "Team view, /team (manager)", path: "/team", who: [world.manager], expect: teamName },
    { figure: "Readiness report, first page, /hr/readiness (HR)", path: "/hr/readiness", who: [world.hr], expect: "Readiness" },
  ];
  for (const [n, page] of pages.entries()) {
    const html = await fetchPage(b, page.path, page.who[0]!.cookie, page.expect);
    status.log(`${page.path}: ${fmt.kb(html.length)} of HTML; the baseline serves these bytes.`);
    const base = await measureBaseline(b, `real-${n}`, html, pageRequests(b, page.path, page.who));
    const baton = await measure(loadSpec(b, `${page.figure} (Baton)`, b.server.origin, pageRequests(b, page.path, page.who)));
    reportFailures(b, baton);
    b.rows.push(
      {
        part: "real",
        figure: `${page.figure}: throughput`,
        value: fmt.rps(baton.median.rps),
        baseline: fmt.rps(base.median.rps),
        ratio: fmt.pct(baton.median.rps / base.median.rps),
        goal: "—",
        met: null,
      },
      {
        part: "real",
        figure: `${page.figure}: p99 latency`,
        value: fmt.ms(baton.median.p99),
        baseline: fmt.ms(base.median.p99),
        ratio: fmt.times(baton.median.p99 / base.median.p99),
        goal: "—",
        met: null,
      },
    );
  }
}
