import { offeredTo } from "~/.server/content/offered";
import { describe, expect, it } from "vitest";
import { getCatalog } from "~/.server/content/catalog";
import { syncRuleAssignments } from "~/.server/curricula/sync";
import { prisma } from "~/.server/db";
import { action as curriculumAction, loader as curriculumLoader } from "~/routes/_app.hr.curricula.$curriculumId";
import { action as newCurriculumAction } from "~/routes/_app.hr.curricula.new";
import { action as personAction } from "~/routes/_app.hr.people.$personId";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

const ctx = { context: {} };
const [FIRST] = getCatalog().courses.filter((c) => offeredTo(c, "LEARNER"));
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
    expect(having(onlyGone.data, "unconfirmedValue").unconfirmedValue).toBe("Kitchen");
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

/** A person at a location (the factory has no location of its own). */
async function personAt(location: string | null, extra: Parameters<typeof createTestPerson>[0] = {}) {
  const person = await createTestPerson(extra);
  return prisma.person.update({ where: { id: person.id }, data: { location } });
}

const openHolders = async (curriculumId: string) =>
  (await prisma.assignment.findMany({ where: { curriculumId, unassignedAt: null }, select: { personId: true } })).map((a) => a.personId).sort();

describe("location rules", () => {
  it("assigns everyone at a location, compared loosely as departments are, and not people elsewhere", async () => {
    const cookie = await hrCookie();
    const porto = await Promise.all([personAt("Porto Airport"), personAt("porto  airport")]);
    await personAt("Lisbon");
    await personAt(null, { department: "Porto Airport" });
    const id = await createCurriculum(cookie);

    const added = await act(cookie, id, { intent: "add-rule", kind: "LOCATION", value: " PORTO AIRPORT " });
    expect(added.data).toMatchObject({ ok: true, message: expect.stringContaining("by “Location: PORTO AIRPORT”: 2 people now") });
    expect(await openHolders(id)).toEqual(porto.map((p) => p.id).sort());

    const page = await outcomeOf(curriculumLoader({ request: makeRequest(`/hr/curricula/${id}`, { cookie }), params: { curriculumId: id }, ...ctx }));
    expect(page.data.assignments.rules).toMatchObject([{ label: "Location: PORTO AIRPORT", people: 2 }]);
    // Spellings rules treat as one are one option, counting everyone.
    expect(page.data.locations).toContainEqual({ value: expect.stringMatching(/^porto\s+airport$/i), people: 2 });

    const again = await act(cookie, id, { intent: "add-rule", kind: "LOCATION", value: "porto airport" });
    expect(again.status).toBe(400);
    expect(again.data.errors.value).toContain("already assigned");
  });

  it("refuses a location nobody is at with the closest one, until HR confirms it", async () => {
    const cookie = await hrCookie();
    await personAt("Lisbon Airport");
    const id = await createCurriculum(cookie);
    const typo = await act(cookie, id, { intent: "add-rule", kind: "LOCATION", value: "Lisbon Airprot" });
    expect(typo.status).toBe(400);
    expect(typo.data).toMatchObject({
      kind: "LOCATION",
      unconfirmedValue: "Lisbon Airprot",
      errors: { value: "Nobody matches “Lisbon Airprot” yet — did you mean Lisbon Airport?" },
    });
    expect(await prisma.assignmentRule.count({ where: { curriculumId: id } })).toBe(0);
    const blank = await act(cookie, id, { intent: "add-rule", kind: "LOCATION", value: "  " });
    expect(blank.status).toBe(400);
    expect(blank.data.errors.value).toBe("Choose a location.");
    const confirmed = await act(cookie, id, { intent: "add-rule", kind: "LOCATION", value: "Faro", anyway: "on" });
    expect(confirmed.data.ok).toBe(true);
  });

  it("follows a person who moves: HR editing the location gives the new site's curriculum and closes the old one's", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const cookie = (await signedInCookie(hr.id)).cookie;
    const mover = await personAt("Coimbra");
    const coimbra = await createCurriculum(cookie);
    const evora = await createCurriculum(cookie);
    expect((await act(cookie, coimbra, { intent: "add-rule", kind: "LOCATION", value: "Coimbra" })).data.ok).toBe(true);
    expect((await act(cookie, evora, { intent: "add-rule", kind: "LOCATION", value: "Evora", anyway: "on" })).data.ok).toBe(true);
    expect(await openHolders(coimbra)).toEqual([mover.id]);

    const form = { intent: "save", email: mover.email, name: mover.name, role: "LEARNER", department: "Support", location: "Evora", startDate: "2026-11-01" };
    const saved = await outcomeOf(personAction({ request: makeRequest(`/hr/people/${mover.id}`, { cookie, form }), params: { personId: mover.id }, ...ctx }));
    expect(saved.data).toMatchObject({ kind: "done" });
    expect((await prisma.person.findUniqueOrThrow({ where: { id: mover.id } })).location).toBe("Evora");
    expect(await openHolders(coimbra)).toEqual([]);
    expect(await openHolders(evora)).toEqual([mover.id]);
    // The Coimbra period is closed, not deleted.
    expect(await prisma.assignment.count({ where: { curriculumId: coimbra, personId: mover.id, unassignedAt: { not: null } } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "person.updated", subjectId: mover.id, actorId: hr.id } })).toBe(1);
  });

  it("gives a deactivated person at the location nothing", async () => {
    const cookie = await hrCookie();
    const active = await personAt("Braga");
    const gone = await personAt("Braga");
    await prisma.person.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    const id = await createCurriculum(cookie);
    expect((await act(cookie, id, { intent: "add-rule", kind: "LOCATION", value: "Braga" })).data.ok).toBe(true);
    expect(await openHolders(id)).toEqual([active.id]);
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
