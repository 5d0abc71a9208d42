import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import { assignPeople } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { prisma } from "~/.server/db";
import { startAttempt } from "~/.server/quiz/attempts";
import { readinessFor } from "~/.server/readiness/load";
import { action as hrPersonAction, loader as hrPersonLoader } from "~/routes/_app.hr.readiness.$personId";
import { loader as detailCsvLoader } from "~/routes/hr.readiness-detail[.]csv";
import { loader as csvLoader } from "~/routes/hr.readiness[.]csv";
import { action as teamPersonAction } from "~/routes/_app.team.$personId";
import { loader as learnLoader } from "~/routes/_app.learn._index";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { takeQuiz } from "./helpers/quiz";

const ctx = { context: {} };
const SLUG = "internal-customer-service";
const OTHER = "listening-both-ways";
const course = () => getCourse(SLUG)!;
const quizLesson = () => course().lessons.find((l) => l.quiz)!;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

let hr: Awaited<ReturnType<typeof createTestPerson>>;
let manager: Awaited<ReturnType<typeof createTestPerson>>;
let managerCookie: string;
let hrCookie: string;
let curriculumId: string;
beforeAll(async () => {
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  manager = await createTestPerson({ role: "MANAGER", name: "Mo Manager" });
  managerCookie = (await signedInCookie(manager.id)).cookie;
  hrCookie = (await signedInCookie(hr.id)).cookie;
  const curriculum = await createCurriculum(
    {
      name: "Overrides onboarding",
      description: "",
      inOrder: true,
      dueRule: { kind: "days", days: 10 },
      courses: [
        { slug: SLUG, required: true, dueRule: null },
        { slug: OTHER, required: true, dueRule: null },
      ],
    },
    { actor: hr, ip: null },
  );
  curriculumId = curriculum.id;
});

async function stuckLearner(managerId = manager.id) {
  const learner = await createTestPerson({ managerId, name: "Sam Stuck" });
  await assignPeople(curriculumId, [learner.email], { actor: hr, ip: null });
  const ref = { personId: learner.id, course: course(), lesson: quizLesson() };
  for (let n = 1; n <= course().attemptLimit; n++) expect(await takeQuiz(ref, n, "wrong")).toMatchObject({ kind: "graded", passed: false });
  return { learner, ref };
}

const post = (action: typeof teamPersonAction, cookie: string, personId: string, base: string, form: Record<string, string>) =>
  outcomeOf(action({ request: makeRequest(`${base}/${personId}`, { cookie, form }), params: { personId }, ...ctx }));

describe("more attempts for someone who is stuck", () => {
  it("lets their manager allow another attempt, audited, named in readiness, and the learner passes", async () => {
    const { learner, ref } = await stuckLearner();
    let row = (await readinessFor([learner.id]))[0]!;
    expect(row.state).toBe("BLOCKED");
    expect(row.reasons.join("\n")).toMatch(/failed with no attempts left/);
    expect(await startAttempt({ ...ref, attemptNumber: 4 })).toEqual({ kind: "limit-reached" });
    const learnerCookie = (await signedInCookie(learner.id)).cookie;
    const card = async () =>
      (await outcomeOf(learnLoader({ request: makeRequest("/learn", { cookie: learnerCookie }), params: {}, ...ctx }))).data.curricula[0]?.courses[0];
    expect((await card())?.outOfAttempts).toEqual([quizLesson().title]);

    const granted = await post(teamPersonAction, managerCookie, learner.id, "/team", {
      intent: "grant-attempts",
      quiz: `${SLUG}/${quizLesson().slug}`,
      attempts: "1",
      reason: "Was off sick during the week this was taught; went through it together today.",
    });
    expect(granted.status).toBe(200);
    expect(granted.data).toMatchObject({ ok: true, message: `Allowed 1 more attempt at the quiz in ${quizLesson().title}.` });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "override.extra-attempts", target: learner.email } });
    expect(audit.actorId).toBe(manager.id);
    expect(JSON.parse(audit.details!)).toMatchObject({ extraAttempts: 1, reason: expect.stringMatching(/off sick/) });

    row = (await readinessFor([learner.id]))[0]!;
    expect(row.state).not.toBe("BLOCKED");
    // The grant's own transaction updated the stored summary and recorded the change.
    expect((await prisma.readinessSummary.findUniqueOrThrow({ where: { personId: learner.id } })).state).toBe(row.state);
    expect(await prisma.readinessEvent.findFirst({ where: { personId: learner.id, fromState: "BLOCKED" }, orderBy: { at: "desc" } })).toMatchObject({
      toState: row.state,
      cause: "More attempts granted by Mo Manager",
    });
    expect(row.reasons.join("\n")).toMatch(/not passed — best \d+ %, needs 75 % \(1 more attempt granted by Mo Manager on /);
    expect(row.reasons.join("\n")).not.toMatch(/no attempts left/);
    expect((await card())?.outOfAttempts).toEqual([]);

    expect(await takeQuiz(ref, 4, "right")).toMatchObject({ kind: "graded", passed: true });
    expect(await startAttempt({ ...ref, attemptNumber: 5 })).toEqual({ kind: "already-passed" });

    const history = await outcomeOf(
      hrPersonLoader({ request: makeRequest(`/hr/readiness/${learner.id}`, { cookie: hrCookie }), params: { personId: learner.id }, ...ctx }),
    );
    expect(history.data.detail.overrides).toMatchObject([{ kind: "EXTRA_ATTEMPTS", extraAttempts: 1, createdByName: "Mo Manager" }]);
  });

  it("answers 404 to a manager for someone outside their team, and changes nothing", async () => {
    const otherManager = await createTestPerson({ role: "MANAGER" });
    const { learner } = await stuckLearner(otherManager.id);
    const refused = await post(teamPersonAction, managerCookie, learner.id, "/team", {
      intent: "grant-attempts",
      quiz: `${SLUG}/${quizLesson().slug}`,
      attempts: "1",
      reason: "x",
    });
    expect(refused.status).toBe(404);
    expect(await prisma.override.count({ where: { personId: learner.id } })).toBe(0);
  });

  it("needs a reason, a sensible number and a quiz that exists: field errors, nothing written", async () => {
    const { learner } = await stuckLearner();
    const base = { intent: "grant-attempts", quiz: `${SLUG}/${quizLesson().slug}`, attempts: "1", reason: "" };
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ ...base }, "reason", /Give a reason/],
      [{ ...base, reason: "x".repeat(501) }, "reason", /500 characters/],
      [{ ...base, reason: "ok", attempts: "9" }, "attempts", /at most 5/],
      [{ ...base, reason: "ok", quiz: `${SLUG}/no-such-lesson` }, "quiz", /Choose one of the quizzes/],
    ];
    for (const [form, field, message] of cases) {
      const out = await post(teamPersonAction, managerCookie, learner.id, "/team", form);
      expect(out.status).toBe(400);
      expect(having(out.data, "fieldErrors").fieldErrors[field]).toMatch(message);
    }
    expect(await prisma.override.count({ where: { personId: learner.id } })).toBe(0);
  });
});

describe("due dates and waivers", () => {
  it("extends one course's due date for one person: the new day counts everywhere and the reason names it", async () => {
    const learner = await createTestPerson({ managerId: manager.id });
    const late = await createCurriculum(
      {
        name: "Due last week",
        description: "",
        inOrder: false,
        dueRule: { kind: "date", date: new Date(`${inDays(-5)}T00:00:00Z`) },
        courses: [
          { slug: SLUG, required: true, dueRule: null },
          { slug: OTHER, required: true, dueRule: null },
        ],
      },
      { actor: hr, ip: null },
    );
    await assignPeople(late.id, [learner.email], { actor: hr, ip: null });
    expect((await readinessFor([learner.id]))[0]!.state).toBe("OVERDUE");

    const bad = await post(hrPersonAction, hrCookie, learner.id, "/hr/readiness", { intent: "extend-due", course: SLUG, dueDate: inDays(-2), reason: "late" });
    expect(having(bad.data, "fieldErrors").fieldErrors.dueDate).toMatch(/from today on/);
    const ok = await post(hrPersonAction, hrCookie, learner.id, "/hr/readiness", {
      intent: "extend-due",
      course: SLUG,
      dueDate: inDays(20),
      reason: "Joined mid-project",
    });
    expect(ok.data).toMatchObject({ ok: true });

    const row = (await readinessFor([learner.id]))[0]!;
    const course = row.courses.find((c) => c.courseSlug === SLUG)!;
    expect(course.dueDate?.toISOString().slice(0, 10)).toBe(inDays(20));
    expect(row.reasons[0]).toMatch(/^Listening both ways overdue since /);
    expect(row.reasons[1]).toMatch(
      new RegExp(`^Internal customer service due .* \\(extended by Hana HR on .*: Joined mid-project\\) — 0 of ${course.lessonsTotal} lessons done$`),
    );
    // The other course of the curriculum keeps its own (overdue) date: the extension is for one course.
    expect(row.state).toBe("OVERDUE");
  });

  it("waives a required course: satisfied for readiness and locks, never shown as passed, in both CSVs", async () => {
    const learner = await createTestPerson({ managerId: manager.id, name: "Wen Waived" });
    await assignPeople(curriculumId, [learner.email], { actor: hr, ip: null });
    const waive = await post(teamPersonAction, managerCookie, learner.id, "/team", {
      intent: "waive",
      course: SLUG,
      reason: "Did this course at a sister company last month.",
    });
    expect(waive.data).toMatchObject({ ok: true });
    const again = await post(teamPersonAction, managerCookie, learner.id, "/team", { intent: "waive", course: SLUG, reason: "again" });
    expect(having(again.data, "fieldErrors").fieldErrors.course).toMatch(/already waived/);
    expect(await prisma.auditEvent.count({ where: { action: "override.waiver", target: learner.email } })).toBe(1);

    const row = (await readinessFor([learner.id]))[0]!;
    expect(row.courses.find((c) => c.courseSlug === SLUG)).toMatchObject({ completed: false, waived: { by: "Mo Manager" } });
    expect(row.reasons).toContain("Internal customer service waived by Mo Manager on " + row.reasons.find((r) => r.includes("waived"))!.split(" on ")[1]);
    expect(row.curricula[0]).toMatchObject({ requiredDone: 0, requiredWaived: 1, requiredTotal: 2 });

    // In-order curriculum: the waived first course no longer locks the second.
    const learnerCookie = (await signedInCookie(learner.id)).cookie;
    const learn = await outcomeOf(learnLoader({ request: makeRequest("/learn", { cookie: learnerCookie }), params: {}, ...ctx }));
    expect(learn.data.curricula[0]?.courses.map((c) => [c.waived, c.locked])).toEqual([
      [true, false],
      [false, false],
    ]);

    const detail = await outcomeOf(detailCsvLoader({ request: makeRequest("/hr/readiness-detail.csv", { cookie: hrCookie }), params: {}, ...ctx }));
    const rows = Papa.parse<Record<string, string>>(detail.body.replace(/^\uFEFF/, ""), { header: true }).data.filter((r) => r.Email === learner.email);
    expect(rows.find((r) => r.Course === "Internal customer service")).toMatchObject({
      Completed: "waived",
      "Waiver reason": "Did this course at a sister company last month.",
    });
    expect(rows.find((r) => r.Course === "Internal customer service")!["Waived by"]).toMatch(/^Mo Manager on \d{4}-\d{2}-\d{2}$/);
    const summary = await outcomeOf(csvLoader({ request: makeRequest("/hr/readiness.csv", { cookie: hrCookie }), params: {}, ...ctx }));
    const mine = Papa.parse<Record<string, string>>(summary.body.replace(/^\uFEFF/, ""), { header: true }).data.find((r) => r.Email === learner.email)!;
    expect(mine["Overrides onboarding (required courses done)"]).toBe("0/2 (+1 waived)");
  });

  it("refuses an exception for yourself and waivers of optional or unassigned courses", async () => {
    const learner = await createTestPerson({ managerId: manager.id });
    const selfOut = await post(hrPersonAction, hrCookie, hr.id, "/hr/readiness", { intent: "waive", course: SLUG, reason: "me" });
    expect(selfOut.status).toBe(400);
    const unassigned = await post(hrPersonAction, hrCookie, learner.id, "/hr/readiness", { intent: "waive", course: SLUG, reason: "r" });
    expect(having(unassigned.data, "fieldErrors").fieldErrors.course).toMatch(/assigned courses/);
    expect(await prisma.override.count({ where: { personId: { in: [learner.id, hr.id] } } })).toBe(0);
  });
});
