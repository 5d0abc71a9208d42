import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import { archiveCurriculum, createCurriculum } from "~/.server/curricula/curricula";
import { assignPeople, unassignPerson } from "~/.server/curricula/assignments";
import { prisma } from "~/.server/db";
import { reviewPractice, submitPractice } from "~/.server/practice/submissions";
import { finishLesson } from "~/.server/progress/progress";
import { startAttempt } from "~/.server/quiz/attempts";
import { readinessFor } from "~/.server/readiness/load";
import { freshenReadiness } from "~/.server/readiness/upkeep";
import { loader as hrReportLoader } from "~/routes/_app.hr.readiness._index";
import { loader as csvLoader } from "~/routes/hr.readiness[.]csv";
import { loader as detailCsvLoader } from "~/routes/hr.readiness-detail[.]csv";
import { loader as teamLoader } from "~/routes/_app.team._index";
import { loader as teamPersonLoader } from "~/routes/_app.team.$personId";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { takeQuiz } from "./helpers/quiz";

const SLUG = "internal-customer-service";
const day = (offset: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + offset));
};

let hr: { id: string; email: string };
let ctx: { actor: { id: string; email: string }; ip: null };
beforeAll(async () => {
  hr = await createTestPerson({ role: "HR" });
  ctx = { actor: hr, ip: null };
});

async function curriculumDue(offsetDays: number, name = `Onboarding ${offsetDays}`) {
  return createCurriculum(
    { name, description: "", inOrder: false, dueRule: { kind: "date", date: day(offsetDays) }, courses: [{ slug: SLUG, required: true, dueRule: null }] },
    ctx,
  );
}

/** Finish every lesson of the course the way a learner would: read, confirm, pass the quiz, or have the practice signed off. */
async function finishCourse(personId: string) {
  const course = getCourse(SLUG)!;
  const person = await prisma.person.findUniqueOrThrow({ where: { id: personId }, select: { email: true } });
  for (const lesson of course.lessons) {
    if (lesson.practice) {
      await submitPractice({ personId, personEmail: person.email, course, lesson, note: "Done at work.", link: "" });
      const waiting = await prisma.practiceSubmission.findFirstOrThrow({ where: { personId, lessonSlug: lesson.slug, status: "WAITING" } });
      const form = new FormData();
      form.set("decision", "sign-off");
      expect(await reviewPractice({ ...hr, name: "HR", role: "HR" }, waiting.id, form)).toEqual({ kind: "signed-off" });
    } else if (lesson.quiz) {
      const outcome = await takeQuiz({ personId, course, lesson }, 1, "right");
      expect(outcome).toMatchObject({ kind: "graded", passed: true });
    } else {
      await finishLesson({ personId, courseSlug: SLUG, lessonSlug: lesson.slug, courseVersion: course.version });
    }
  }
}

/**
 * The person's readiness as the rules derive it — after checking that the stored summary already says the same,
 * without freshening: the write itself kept it current.
 */
const stateOf = async (personId: string) => {
  const derived = (await readinessFor([personId]))[0]!;
  const stored = await prisma.readinessSummary.findUnique({ where: { personId } });
  expect({ state: stored?.state, reasons: stored ? JSON.parse(stored.reasons) : null, stale: stored?.staleSince ?? null }).toEqual({
    state: derived.state,
    reasons: derived.reasons,
    stale: null,
  });
  return derived;
};

describe("readiness follows the data the moment it changes", () => {
  it("goes from not started to on track to ready, with no job in between", async () => {
    const learner = await createTestPerson({ department: "Front Desk" });
    const curriculum = await curriculumDue(30);
    await assignPeople(curriculum.id, [learner.email], ctx);

    let r = await stateOf(learner.id);
    expect(r.state).toBe("NOT_STARTED");
    const lessons = getCourse(SLUG)!.lessons.length;
    expect(r.reasons[0]).toMatch(new RegExp(`^Internal customer service due .* — 0 of ${lessons} lessons done$`));

    const course = getCourse(SLUG)!;
    await finishLesson({ personId: learner.id, courseSlug: SLUG, lessonSlug: course.lessons[0]!.slug, courseVersion: course.version });
    r = await stateOf(learner.id);
    expect(r.state).toBe("ON_TRACK");
    expect(r.reasons[0]).toMatch(new RegExp(`1 of ${lessons} lessons done`));

    await finishCourse(learner.id);
    r = await stateOf(learner.id);
    expect(r).toMatchObject({ state: "READY", reasons: [] });
    expect(r.curricula).toEqual([{ id: curriculum.id, name: curriculum.name, requiredDone: 1, requiredWaived: 0, requiredTotal: 1 }]);
  });

  it("reports a failed quiz with its best score and the pass mark", async () => {
    const learner = await createTestPerson();
    await assignPeople((await curriculumDue(30, "Quiz check")).id, [learner.email], ctx);
    const course = getCourse(SLUG)!;
    const lesson = course.lessons.find((l) => l.quiz)!;
    await takeQuiz({ personId: learner.id, course, lesson }, 1, "wrong");
    const r = await stateOf(learner.id);
    expect(r.state).toBe("ON_TRACK");
    expect(r.reasons).toContain(`Quiz in ${lesson.title} not passed — best 0 %, needs ${lesson.quiz!.passMark} %`);
  });

  it("counts only submitted attempts: a quiz started and left open says nothing about a score", async () => {
    const learner = await createTestPerson();
    await assignPeople((await curriculumDue(30, "Open attempt")).id, [learner.email], ctx);
    const course = getCourse(SLUG)!;
    const lesson = course.lessons.find((l) => l.quiz)!;
    expect(await startAttempt({ personId: learner.id, course, lesson, attemptNumber: 1 })).toMatchObject({ kind: "started" });
    const r = await stateOf(learner.id);
    // Starting opens the lesson (so the person has begun), but there is no best score to report yet.
    expect(r.state).toBe("ON_TRACK");
    expect(r.reasons.filter((x) => x.startsWith("Quiz in"))).toEqual([]);
    expect(r.recentQuizzes).toEqual([]);
  });

  it("is overdue the day after the due date and at risk within a week of it", async () => {
    const late = await createTestPerson();
    const soon = await createTestPerson();
    await assignPeople((await curriculumDue(-2, "Late")).id, [late.email], ctx);
    await assignPeople((await curriculumDue(3, "Soon")).id, [soon.email], ctx);
    expect((await stateOf(late.id)).state).toBe("OVERDUE");
    expect((await stateOf(late.id)).reasons[0]).toMatch(/^Internal customer service overdue since/);
    // Due in 3 days but assigned today: the curriculum's grace period (3 days) holds "At risk" back…
    const held = await stateOf(soon.id);
    expect(held.state).toBe("NOT_STARTED");
    expect(held.nextChangeAt).toEqual(day(3));
    // …until time passes. Nothing is written meanwhile: the stored row is stale from that moment and
    // recomputed before anyone reads it.
    const later = new Date(day(3).getTime() + 60_000);
    expect((await readinessFor([soon.id], later))[0]!.state).toBe("AT_RISK");
    await freshenReadiness(later);
    expect(await prisma.readinessSummary.findUniqueOrThrow({ where: { personId: soon.id } })).toMatchObject({ state: "AT_RISK", since: day(3) });
    expect(await prisma.readinessEvent.findFirstOrThrow({ where: { personId: soon.id }, orderBy: { at: "desc" } })).toMatchObject({
      fromState: "NOT_STARTED",
      toState: "AT_RISK",
      at: day(3),
      cause: "Time passed",
    });
  });

  it("stops counting a curriculum once unassigned or archived, and keeps finished work", async () => {
    const learner = await createTestPerson();
    const late = await curriculumDue(-5, "Unassigned later");
    await assignPeople(late.id, [learner.email], ctx);
    expect((await stateOf(learner.id)).state).toBe("OVERDUE");
    await unassignPerson(late.id, learner.id, ctx);
    expect(await stateOf(learner.id)).toMatchObject({ state: "NO_CURRICULUM", reasons: ["No onboarding curriculum assigned yet"] });

    const archived = await curriculumDue(-5, "Archived later");
    await assignPeople(archived.id, [learner.email], ctx);
    await archiveCurriculum(archived.id, ctx);
    expect((await stateOf(learner.id)).state).toBe("NO_CURRICULUM");
  });
});

describe("who sees what", () => {
  it("shows a manager their team, and another team's person as 404", async () => {
    const manager = await createTestPerson({ role: "MANAGER" });
    const lead = await createTestPerson({ role: "MANAGER", managerId: manager.id });
    const direct = await createTestPerson({ name: "Direct Report", managerId: manager.id });
    const indirect = await createTestPerson({ name: "Indirect Report", managerId: lead.id });
    const stranger = await createTestPerson({ name: "Someone Else" });
    const { cookie } = await signedInCookie(manager.id);
    const get = (path: string, personId: string) => outcomeOf(teamPersonLoader({ request: makeRequest(path, { cookie }), params: { personId }, context: {} }));

    expect((await get(`/team/${direct.id}`, direct.id)).status).toBe(200);
    expect((await get(`/team/${indirect.id}`, indirect.id)).status).toBe(200);
    expect((await get(`/team/${stranger.id}`, stranger.id)).status).toBe(404);
    expect((await get(`/team/nobody`, "nobody")).status).toBe(404);

    const direct_only = await outcomeOf(teamLoader({ request: makeRequest("/team", { cookie }), params: {}, context: {} }));
    expect(direct_only.data.people.map((p: { name: string }) => p.name).sort()).toEqual(["Direct Report", lead.name].sort());
    const all = await outcomeOf(teamLoader({ request: makeRequest("/team?scope=all", { cookie }), params: {}, context: {} }));
    expect(all.data.people.map((p: { name: string }) => p.name)).toContain("Indirect Report");
  });

  it("keeps the HR report and its CSV exports from learners and managers", async () => {
    for (const role of ["LEARNER", "MANAGER"] as const) {
      const { cookie } = await signedInCookie((await createTestPerson({ role })).id);
      for (const run of [hrReportLoader, csvLoader, detailCsvLoader]) {
        const out = await outcomeOf(run({ request: makeRequest("/hr/readiness", { cookie }), params: {}, context: {} }));
        expect(out.status).toBe(403);
      }
    }
  });
});

describe("the HR report", () => {
  it("exports exactly the people the filtered view shows, in the same order", async () => {
    const dept = `Dept ${Math.random().toString(36).slice(2, 7)}`;
    const a = await createTestPerson({ name: "Amy Filtered", department: dept });
    const b = await createTestPerson({ name: "Bo Filtered", department: dept });
    await createTestPerson({ name: "Cal Outside", department: "Elsewhere" });
    await assignPeople((await curriculumDue(-1, "Filter check")).id, [a.email], ctx);
    const { cookie } = await signedInCookie(hr.id);
    const query = `?department=${encodeURIComponent(dept)}`;

    const page = await outcomeOf(hrReportLoader({ request: makeRequest(`/hr/readiness${query}`, { cookie }), params: {}, context: {} }));
    const names = page.data.people.map((p: { name: string }) => p.name);
    expect(names).toEqual(["Amy Filtered", "Bo Filtered"]); // overdue first
    expect(page.data.counts).toMatchObject({ total: 2, OVERDUE: 1, NO_CURRICULUM: 1 });

    const csv = await outcomeOf(csvLoader({ request: makeRequest(`/hr/readiness.csv${query}`, { cookie }), params: {}, context: {} }));
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    // Streamed a batch at a time, yet one table: a header line, then a line per person, no blank records.
    const lines = csv.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toMatch(/^Name,Email,State,/);
    expect(lines[1]).toMatch(/^Amy Filtered,/);
    const rows = Papa.parse<string[]>(csv.body.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(rows.slice(1).map((r) => r[0])).toEqual(names);
    expect(rows[1]?.[2]).toBe("Overdue");
    expect(rows[1]?.[4]).toMatch(/^Internal customer service overdue since/);

    const detail = await outcomeOf(detailCsvLoader({ request: makeRequest(`/hr/readiness-detail.csv${query}`, { cookie }), params: {}, context: {} }));
    const detailRows = Papa.parse<string[]>(detail.body.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(detailRows.slice(1).map((r) => [r[0], r[6]])).toEqual([["Amy Filtered", "Internal customer service"]]);
    // The very people: names alone could match someone else's test rows.
    expect(page.data.people.map((p: { personId: string }) => p.personId)).toEqual([a.id, b.id]);
  });

  it("writes no live spreadsheet formula in either CSV, whatever people are called (a formula after a line break too)", async () => {
    const dept = `=Dept ${Math.random().toString(36).slice(2, 7)}`;
    const sneaky = await createTestPerson({ name: 'Ann Sneaky\n=HYPERLINK("http://evil.test","x")', department: dept });
    await createTestPerson({ name: "@Bea Plain", department: dept });
    await assignPeople((await curriculumDue(-1, "+Formula curriculum")).id, [sneaky.email], ctx);
    const { cookie } = await signedInCookie(hr.id);
    const query = `?department=${encodeURIComponent(dept)}`;
    for (const [loader, path] of [
      [csvLoader, "/hr/readiness.csv"],
      [detailCsvLoader, "/hr/readiness-detail.csv"],
    ] as const) {
      const csv = await outcomeOf(loader({ request: makeRequest(`${path}${query}`, { cookie }), params: {}, context: {} }));
      const cells = Papa.parse<string[]>(csv.body.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data.flat();
      expect(cells).toContain(`'${dept}`);
      expect(cells.some((c) => c.startsWith("'Ann Sneaky\n=HYPERLINK"))).toBe(true);
      for (const cell of cells) {
        if (cell.split(/\r\n|\r|\n/).some((line) => /^[=+@\t]/.test(line))) expect(cell.startsWith("'"), JSON.stringify(cell)).toBe(true);
      }
    }
  });
});
