import { describe, expect, it } from "vitest";
import { getCatalog } from "~/.server/content/catalog";
import { syncRuleAssignments } from "~/.server/curricula/sync";
import { prisma } from "~/.server/db";
import { action as curriculumAction, loader as curriculumLoader } from "~/routes/_app.hr.curricula.$curriculumId";
import { action as newCurriculumAction } from "~/routes/_app.hr.curricula.new";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";

const ctx = { context: {} };
const [FIRST] = getCatalog().courses.filter((c) => !/manager/i.test(c.audience));
let unique = 0;

async function hrCookie() {
  const person = await createTestPerson({ role: "HR" });
  return (await signedInCookie(person.id)).cookie;
}

function create(cookie: string, extra: Record<string, string> = {}) {
  const form = { intent: "save", name: `Rules ${++unique}`, [`course.${FIRST!.slug}.include`]: "on", [`course.${FIRST!.slug}.required`]: "on", ...extra };
  return outcomeOf(newCurriculumAction({ request: makeRequest("/hr/curricula/new", { cookie, form }), params: {}, ...ctx }));
}

async function createCurriculum(cookie: string, extra: Record<string, string> = {}) {
  const out = await create(cookie, extra);
  expect(out.status).toBe(302);
  return out.location!.split("/").pop()!.split("?")[0]!;
}

function act(cookie: string, curriculumId: string, form: Record<string, string>) {
  return outcomeOf(curriculumAction({ request: makeRequest(`/hr/curricula/${curriculumId}`, { cookie, form }), params: { curriculumId }, ...ctx }));
}

describe("assignment rules that cannot silently miss", () => {
  it("refuses a department nobody is in with the closest one, and creates the rule only once confirmed", async () => {
    const cookie = await hrCookie();
    await Promise.all([1, 2].map(() => createTestPerson({ department: "Front Desk" })));
    const id = await createCurriculum(cookie);

    const typo = await act(cookie, id, { intent: "add-rule", kind: "DEPARTMENT", value: "Front Dsk" });
    expect(typo.status).toBe(400);
    expect(typo.data).toMatchObject({
      ok: false,
      kind: "DEPARTMENT",
      unconfirmedValue: "Front Dsk",
      errors: { value: "Nobody matches “Front Dsk” yet — did you mean Front Desk?" },
    });
    expect(await prisma.assignmentRule.count({ where: { curriculumId: id } })).toBe(0);
    expect(await prisma.assignment.count({ where: { curriculumId: id } })).toBe(0);

    const nothingClose = await act(cookie, id, { intent: "add-rule", kind: "JOB_TITLE", value: "Sommelier" });
    expect(nothingClose.data.errors.value).toBe("Nobody matches “Sommelier” yet.");

    const confirmed = await act(cookie, id, { intent: "add-rule", kind: "DEPARTMENT", value: "Front Dsk", anyway: "on" });
    expect(confirmed.data).toMatchObject({ ok: true, message: expect.stringContaining("0 people now") });
    expect(await prisma.assignmentRule.findMany({ where: { curriculumId: id }, select: { kind: true, value: true } })).toEqual([
      { kind: "DEPARTMENT", value: "Front Dsk" },
    ]);
    expect(await prisma.assignment.count({ where: { curriculumId: id } })).toBe(0);
    // The rule then works as promised: someone who joins with that department receives the curriculum.
    const joiner = await createTestPerson({ department: "Front Dsk" });
    await prisma.$transaction((tx) => syncRuleAssignments(tx, [joiner.id]));
    expect(await prisma.assignment.count({ where: { curriculumId: id, personId: joiner.id, unassignedAt: null } })).toBe(1);
  });

  it("accepts a loosely equal department at once and assigns the people in it", async () => {
    const cookie = await hrCookie();
    const desk = await Promise.all([1, 2, 3].map(() => createTestPerson({ department: "Reception" })));
    const gone = await createTestPerson({ department: "Kitchen" });
    await prisma.person.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    const id = await createCurriculum(cookie);

    const loose = await act(cookie, id, { intent: "add-rule", kind: "DEPARTMENT", value: "  reception " });
    expect(loose.data).toMatchObject({ ok: true, message: expect.stringContaining("3 people now") });
    const holders = await prisma.assignment.findMany({ where: { curriculumId: id, unassignedAt: null }, select: { personId: true } });
    expect(holders.map((h) => h.personId).sort()).toEqual(desk.map((p) => p.id).sort());

    // Only active people count as a match: a department of deactivated people needs the confirmation.
    const onlyGone = await act(cookie, id, { intent: "add-rule", kind: "DEPARTMENT", value: "Kitchen" });
    expect(onlyGone.status).toBe(400);
    expect(onlyGone.data.unconfirmedValue).toBe("Kitchen");
  });

  it("offers the departments and job titles of active people with how many have each", async () => {
    const cookie = await hrCookie();
    // Spellings that rules treat as one are one option, named as most people have it.
    await createTestPerson({ department: "Spa" });
    await createTestPerson({ department: "Spa" });
    await createTestPerson({ department: "spa " });
    const id = await createCurriculum(cookie);
    const page = await outcomeOf(curriculumLoader({ request: makeRequest(`/hr/curricula/${id}`, { cookie }), params: { curriculumId: id }, ...ctx }));
    expect(page.data.departments).toContainEqual({ value: "Spa", people: 3 });
  });
});

describe("grace period", () => {
  it("round-trips through create and update, and refuses bad values beside the field", async () => {
    const cookie = await hrCookie();
    const id = await createCurriculum(cookie, { graceDays: "7" });
    expect((await prisma.curriculum.findUniqueOrThrow({ where: { id } })).graceDays).toBe(7);
    const page = await outcomeOf(curriculumLoader({ request: makeRequest(`/hr/curricula/${id}`, { cookie }), params: { curriculumId: id }, ...ctx }));
    expect(page.data.values.graceDays).toBe("7");
    expect(page.data.curriculum.graceDays).toBe(7);

    const saved = await act(cookie, id, { ...page.data.values, intent: "save", graceDays: "0" });
    expect(saved.data.ok).toBe(true);
    expect((await prisma.curriculum.findUniqueOrThrow({ where: { id } })).graceDays).toBe(0);

    const tooLong = await act(cookie, id, { ...page.data.values, intent: "save", graceDays: "61" });
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.errors).toEqual({ graceDays: "Use at most 60 days." });
    expect((await prisma.curriculum.findUniqueOrThrow({ where: { id } })).graceDays).toBe(0);

    const notANumber = await create(cookie, { graceDays: "soon" });
    expect(notANumber.status).toBe(400);
    expect(notANumber.data.errors).toEqual({ graceDays: "Enter the grace period as a number of days." });
    const defaulted = await createCurriculum(cookie);
    expect((await prisma.curriculum.findUniqueOrThrow({ where: { id: defaulted } })).graceDays).toBe(3);
  });
});
