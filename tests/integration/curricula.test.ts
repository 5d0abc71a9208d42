import { offeredTo } from "~/.server/content/offered";
import { describe, expect, it, vi } from "vitest";
import { assignedCoursesFor, assignedCoursesForMany } from "~/.server/curricula/assigned-courses";
import { getCatalog } from "~/.server/content/catalog";
import { prisma } from "~/.server/db";
import { action as curriculumAction, loader as curriculumLoader } from "~/routes/_app.hr.curricula.$curriculumId";
import { loader as curriculaLoader } from "~/routes/_app.hr.curricula._index";
import { action as newCurriculumAction, loader as newCurriculumLoader } from "~/routes/_app.hr.curricula.new";
import { action as personAction } from "~/routes/_app.hr.people.$personId";
import { personPage } from "~/.server/people/person-page";
import { action as newPersonAction } from "~/routes/_app.hr.people.new";
import { action as importAction, loader as importLoader } from "~/routes/_app.hr.import";
import { action as lessonAction, loader as lessonLoader } from "~/routes/_app.learn.$courseSlug.$lessonSlug";
import { loader as courseLoader } from "~/routes/_app.learn.$courseSlug._index";
import { loader as learnLoader } from "~/routes/_app.learn._index";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { uploadRequest } from "./upload-request";
import { previewOf } from "./helpers/import-preview";
import { importJobSettled } from "~/.server/people/import/jobs";

const ctx = { context: {} };
const learnerCourses = () => getCatalog().courses.filter((c) => offeredTo(c, "LEARNER"));
const [FIRST, SECOND, THIRD] = learnerCourses();
const day = (s: string) => new Date(`${s}T00:00:00.000Z`);
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : null);
let unique = 0;
const dept = (name: string) => `${name} ${++unique}`;

async function hr() {
  const person = await createTestPerson({ role: "HR" });
  return { person, cookie: (await signedInCookie(person.id)).cookie };
}

/** Create a curriculum through the HR page: FIRST and SECOND required (in that order), 14 days after start. */
async function createCurriculum(cookie: string, o: { name?: string; inOrder?: boolean; courses?: string[] } = {}) {
  const form: Record<string, string> = { intent: "save", name: o.name ?? `Onboarding ${++unique}`, dueKind: "days", dueDays: "14" };
  if (o.inOrder) form.inOrder = "on";
  (o.courses ?? [FIRST!.slug, SECOND!.slug]).forEach((slug, i) => {
    form[`course.${slug}.include`] = "on";
    form[`course.${slug}.position`] = String(i + 1);
    form[`course.${slug}.required`] = "on";
  });
  const out = await outcomeOf(newCurriculumAction({ request: makeRequest("/hr/curricula/new", { cookie, form }), params: {}, ...ctx }));
  expect(out.status).toBe(302);
  return out.location!.split("/").pop()!.split("?")[0]!;
}

function act(cookie: string, curriculumId: string, form: Record<string, string>) {
  return outcomeOf(curriculumAction({ request: makeRequest(`/hr/curricula/${curriculumId}`, { cookie, form }), params: { curriculumId }, ...ctx }));
}

async function myLearning(personId: string) {
  const { cookie } = await signedInCookie(personId);
  return (await outcomeOf(learnLoader({ request: makeRequest("/learn", { cookie }), params: {}, ...ctx }))).data;
}

async function completeCourse(personId: string, slug: string) {
  const course = getCatalog().courses.find((c) => c.slug === slug)!;
  await prisma.lessonProgress.createMany({
    data: course.lessons.map((l) => ({
      personId,
      courseSlug: slug,
      lessonSlug: l.slug,
      courseVersion: course.version,
      status: "COMPLETED",
      completedAt: new Date(),
    })),
  });
}

describe("building a curriculum", () => {
  it("saves courses in the order given, and refuses a form without a name or courses, changing nothing", async () => {
    const { cookie } = await hr();
    const before = await prisma.curriculum.count();
    const bad = await outcomeOf(
      newCurriculumAction({ request: makeRequest("/hr/curricula/new", { cookie, form: { intent: "save", name: "" } }), params: {}, ...ctx }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({ name: "Give the curriculum a name.", courses: "Choose at least one course." });
    expect(await prisma.curriculum.count()).toBe(before);

    const id = await createCurriculum(cookie, { courses: [SECOND!.slug, FIRST!.slug] });
    const page = await outcomeOf(curriculumLoader({ request: makeRequest(`/hr/curricula/${id}`, { cookie }), params: { curriculumId: id }, ...ctx }));
    expect(page.data.values).toMatchObject({
      [`course.${SECOND!.slug}.position`]: "1",
      [`course.${FIRST!.slug}.position`]: "2",
      dueKind: "days",
      dueDays: "14",
    });
    const list = await outcomeOf(curriculaLoader({ request: makeRequest("/hr/curricula", { cookie }), params: {}, ...ctx }));
    expect(list.data.curricula.find((c: { id: string }) => c.id === id)).toMatchObject({ courseCount: 2, requiredCount: 2, people: 0 });
  });
});

describe("the curriculum builder", () => {
  /** The builder's post: `course` once per row, in order (makeRequest takes one value per name, so the body is built here). */
  const builderPost = (path: string, cookie: string, fields: Record<string, string>, courses: string[]) => {
    const body = new URLSearchParams(fields);
    for (const slug of courses) body.append("course", slug);
    const headers = {
      Cookie: cookie,
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "http://localhost:3000",
      "x-baton-client-ip": "203.0.113.7",
    };
    return new Request(`http://localhost:3000${path}`, { method: "POST", headers, body });
  };
  const storedOrder = async (id: string) =>
    (await prisma.curriculumCourse.findMany({ where: { curriculumId: id }, orderBy: { position: "asc" }, select: { courseSlug: true } })).map(
      (c) => c.courseSlug,
    );

  it("saves the order of the list, keeps a reorder after reload, and gives optional courses no due date", async () => {
    const { cookie } = await hr();
    const create = await outcomeOf(
      newCurriculumAction({
        request: builderPost(
          "/hr/curricula/new",
          cookie,
          {
            intent: "save",
            name: `Builder ${++unique}`,
            [`course.${THIRD!.slug}.required`]: "on",
            [`course.${FIRST!.slug}.required`]: "on",
            // Optional: its due fields were left behind when Required was unticked, and are not saved.
            [`course.${SECOND!.slug}.dueKind`]: "days",
            [`course.${SECOND!.slug}.dueDays`]: "5",
          },
          [THIRD!.slug, SECOND!.slug, FIRST!.slug],
        ),
        params: {},
        ...ctx,
      }),
    );
    expect(create.status).toBe(302);
    const id = create.location!.split("/").pop()!.split("?")[0]!;
    expect(await storedOrder(id)).toEqual([THIRD!.slug, SECOND!.slug, FIRST!.slug]);
    expect(await prisma.curriculumCourse.findFirstOrThrow({ where: { curriculumId: id, courseSlug: SECOND!.slug } })).toMatchObject({
      required: false,
      dueDays: null,
      dueDate: null,
    });

    // Move the first course to the end, as the edit page posts it; the page shows the new order.
    const page = await outcomeOf(curriculumLoader({ request: makeRequest(`/hr/curricula/${id}`, { cookie }), params: { curriculumId: id }, ...ctx }));
    expect(page.data.values.courseOrder).toBe(`${THIRD!.slug} ${SECOND!.slug} ${FIRST!.slug}`);
    const { courseOrder: _order, ...fields } = page.data.values as Record<string, string>;
    const saved = await outcomeOf(
      curriculumAction({
        request: builderPost(`/hr/curricula/${id}`, cookie, { ...fields, intent: "save" }, [SECOND!.slug, FIRST!.slug, THIRD!.slug]),
        params: { curriculumId: id },
        ...ctx,
      }),
    );
    expect(saved.status).toBe(200);
    expect(await storedOrder(id)).toEqual([SECOND!.slug, FIRST!.slug, THIRD!.slug]);
    const reloaded = await outcomeOf(curriculumLoader({ request: makeRequest(`/hr/curricula/${id}`, { cookie }), params: { curriculumId: id }, ...ctx }));
    expect(reloaded.data.values.courseOrder).toBe(`${SECOND!.slug} ${FIRST!.slug} ${THIRD!.slug}`);
  });

  it("refuses an unknown or repeated course with 400 and a message, saving nothing", async () => {
    const { cookie } = await hr();
    const id = await createCurriculum(cookie, { courses: [FIRST!.slug] });
    const before = await prisma.curriculum.count();
    for (const [courses, message] of [
      [[FIRST!.slug, "no-such-course"], 'The course "no-such-course" is not in the library.'],
      [[FIRST!.slug, SECOND!.slug, FIRST!.slug], `The course "${FIRST!.slug}" is in the list twice: keep it once.`],
    ] as const) {
      const created = await outcomeOf(
        newCurriculumAction({ request: builderPost("/hr/curricula/new", cookie, { intent: "save", name: "Refused" }, [...courses]), params: {}, ...ctx }),
      );
      expect(created.status).toBe(400);
      expect(created.data.errors).toHaveProperty("courses", message);
      const edited = await outcomeOf(
        curriculumAction({
          request: builderPost(`/hr/curricula/${id}`, cookie, { intent: "save", name: "Refused" }, [...courses]),
          params: { curriculumId: id },
          ...ctx,
        }),
      );
      expect(edited.status).toBe(400);
      expect(edited.data.errors.courses).toBe(message);
    }
    expect(await prisma.curriculum.count()).toBe(before);
    expect(await storedOrder(id)).toEqual([FIRST!.slug]);
    expect((await prisma.curriculum.findUniqueOrThrow({ where: { id } })).name).not.toBe("Refused");
  });

  it("without JavaScript, the list's buttons answer with the list changed and save nothing", async () => {
    const { cookie } = await hr();
    const id = await createCurriculum(cookie, { courses: [FIRST!.slug, SECOND!.slug] });
    const step = async (builder: string, extra: Record<string, string> = {}) => {
      const out = await outcomeOf(
        curriculumAction({
          request: builderPost(`/hr/curricula/${id}`, cookie, { intent: "save", name: "Draft", builder, ...extra }, [FIRST!.slug, SECOND!.slug]),
          params: { curriculumId: id },
          ...ctx,
        }),
      );
      expect(out.status).toBe(200);
      return having(out.data, "values").values.courseOrder;
    };
    expect(await step(`down:${FIRST!.slug}`)).toBe(`${SECOND!.slug} ${FIRST!.slug}`);
    expect(await step(`remove:${SECOND!.slug}`)).toBe(FIRST!.slug);
    expect(await step("add", { add: THIRD!.slug })).toBe(`${FIRST!.slug} ${SECOND!.slug} ${THIRD!.slug}`);
    const created = await outcomeOf(
      newCurriculumAction({
        request: builderPost("/hr/curricula/new", cookie, { intent: "save", name: "Draft", builder: `up:${SECOND!.slug}` }, [FIRST!.slug, SECOND!.slug]),
        params: {},
        ...ctx,
      }),
    );
    expect(created.status).toBe(200);
    expect(created.data.values.courseOrder).toBe(`${SECOND!.slug} ${FIRST!.slug}`);
    expect(await storedOrder(id)).toEqual([FIRST!.slug, SECOND!.slug]);
    expect(await prisma.curriculum.count({ where: { name: "Draft" } })).toBe(0);
  });

  it("lists active curricula by default, archived ones under their filter", async () => {
    const { cookie } = await hr();
    const active = await createCurriculum(cookie);
    const archived = await createCurriculum(cookie);
    await act(cookie, archived, { intent: "archive" });
    const list = async (query: string) => {
      const out = await outcomeOf(curriculaLoader({ request: makeRequest(`/hr/curricula${query}`, { cookie }), params: {}, ...ctx }));
      return { ids: out.data.curricula.map((c: { id: string }) => c.id), show: out.data.show, archivedCount: out.data.archivedCount };
    };
    const byDefault = await list("");
    expect(byDefault.ids).toContain(active);
    expect(byDefault.ids).not.toContain(archived);
    expect(byDefault.archivedCount).toBeGreaterThanOrEqual(1);
    expect((await list("?show=archived")).ids).toEqual(expect.arrayContaining([archived]));
    expect((await list("?show=archived")).ids).not.toContain(active);
    expect((await list("?show=all")).ids).toEqual(expect.arrayContaining([active, archived]));
    expect(await list("?show=nonsense")).toMatchObject({ show: "active" });
    await act(cookie, archived, { intent: "restore" });
    expect((await list("")).ids).toContain(archived);
  });
});

describe("group assignment rules", () => {
  it("assign to everyone in a department now, and to people created, moved in or imported later", async () => {
    const { cookie } = await hr();
    const frontDesk = dept("Front Desk");
    const already = await createTestPerson({ department: frontDesk, startDate: day("2026-11-02") });
    const elsewhere = await createTestPerson({ department: "Warehouse" });
    const id = await createCurriculum(cookie);

    const rule = await act(cookie, id, { intent: "add-rule", kind: "DEPARTMENT", value: frontDesk.toUpperCase() });
    expect(rule.data).toMatchObject({ ok: true, message: expect.stringContaining("1 person now") });
    // As in real onboarding, the rule was in place before this person started: due dates count from the start.
    await prisma.assignment.updateMany({ where: { curriculumId: id }, data: { assignedAt: day("2026-10-20") } });
    await prisma.curriculumCourse.updateMany({ where: { curriculumId: id }, data: { addedAt: day("2026-10-01"), requiredSince: day("2026-10-01") } });
    expect((await assignedCoursesFor(already.id)).map((c) => c.curriculumId)).toEqual([id]);
    expect(await assignedCoursesFor(elsewhere.id)).toEqual([]);
    // HR's page for the person, with "now" given: 14 days after the 2 November start both required courses are due
    // on the 16th, not yet overdue in its last second, both overdue from the first second of the 17th.
    const heldOn = async (now: string) => (await personPage(already.id, new Date(now)))?.curricula;
    const line = {
      id,
      name: expect.stringMatching(/^Onboarding/),
      through: `Department: ${frontDesk.toUpperCase()}`,
      requiredDone: 0,
      requiredWaived: 0,
      requiredTotal: 2,
    };
    expect(await heldOn("2026-11-16T23:59:59Z")).toEqual([{ ...line, overdue: 0 }]);
    expect(await heldOn("2026-11-17T00:00:00Z")).toEqual([{ ...line, overdue: 2 }]);
    expect((await assignedCoursesFor(already.id, new Date("2026-11-17T00:00:00Z")))[0]?.courses.map((c) => [c.slug, iso(c.dueDate), c.overdue])).toEqual([
      [FIRST!.slug, "2026-11-16", true],
      [SECOND!.slug, "2026-11-16", true],
    ]);
    // The same group again is refused, not doubled.
    const again = await act(cookie, id, { intent: "add-rule", kind: "DEPARTMENT", value: frontDesk });
    expect(again.status).toBe(400);
    expect(await prisma.assignment.count({ where: { curriculumId: id } })).toBe(1);

    // Created later, through HR's form: due dates count from their own start date.
    const created = await outcomeOf(
      newPersonAction({
        request: makeRequest("/hr/people/new", {
          cookie,
          form: { intent: "save", name: "Later Hire", email: `later${unique}@test.baton`, role: "LEARNER", department: frontDesk, startDate: "2027-01-04" },
        }),
        params: {},
        ...ctx,
      }),
    );
    const laterId = created.location!.split("/").pop()!.split("?")[0]!;
    const [held] = await assignedCoursesFor(laterId);
    expect(held?.courses.map((c) => [c.slug, iso(c.dueDate)])).toEqual([
      [FIRST!.slug, "2027-01-18"],
      [SECOND!.slug, "2027-01-18"],
    ]);

    // Moved in by an edit: receives it. Moved out: the period closes, the record stays.
    const save = (department: string) =>
      outcomeOf(
        personAction({
          request: makeRequest(`/hr/people/${elsewhere.id}`, {
            cookie,
            form: { intent: "save", name: elsewhere.name, email: elsewhere.email, role: "LEARNER", department },
          }),
          params: { personId: elsewhere.id },
          ...ctx,
        }),
      );
    expect((await save(frontDesk)).data).toEqual({ kind: "done", message: "Saved." });
    expect(await assignedCoursesFor(elsewhere.id)).toHaveLength(1);
    await save("Warehouse");
    expect(await assignedCoursesFor(elsewhere.id)).toEqual([]);
    expect(await prisma.assignment.findMany({ where: { personId: elsewhere.id }, select: { unassignedAt: true } })).toEqual([
      { unassignedAt: expect.any(Date) },
    ]);

    // Imported later through the import page.
    const csv = `email,name,department,job title,manager email,start date\nimported${unique}@test.baton,Imported Hire,${frontDesk},Receptionist,,2027-02-01\n`;
    const preview = await outcomeOf(importAction({ request: uploadRequest(cookie, csv), params: {}, ...ctx }));
    expect(preview.data.kind).toBe("preview");
    const confirm = await outcomeOf(
      importAction({
        request: makeRequest("/hr/import", { cookie, form: previewOf(preview.data).confirm }),
        params: {},
        ...ctx,
      }),
    );
    // The import runs as a job (it yields to other requests); the page follows it to its result.
    const job = new URL(confirm.location ?? "", "http://localhost:3000").searchParams.get("job") ?? "";
    await importJobSettled(job);
    const done = await outcomeOf(importLoader({ request: makeRequest(`/hr/import?job=${job}`, { cookie }), params: {}, ...ctx }));
    expect(done.data.job).toMatchObject({ state: "done", result: { created: 1, assigned: 1 } });
    const imported = await prisma.person.findUniqueOrThrow({ where: { email: `imported${unique}@test.baton` } });
    expect((await assignedCoursesFor(imported.id))[0]?.courses.map((c) => iso(c.dueDate))).toEqual(["2027-02-15", "2027-02-15"]);
  });

  it("assign by job title, role and start date; ending a rule closes its assignments", async () => {
    const { cookie } = await hr();
    const title = `Concierge ${++unique}`;
    const concierge = await prisma.person.create({ data: { email: `c${unique}@test.baton`, name: "Con", jobTitle: title, startDate: day("2026-01-05") } });
    const manager = await createTestPerson({ role: "MANAGER", startDate: day("2026-01-05") });
    const starter = await createTestPerson({ startDate: day("2031-03-02") });
    const id = await createCurriculum(cookie);
    expect((await act(cookie, id, { intent: "add-rule", kind: "JOB_TITLE", value: title.toLowerCase() })).data.ok).toBe(true);
    expect((await act(cookie, id, { intent: "add-rule", kind: "ROLE", value: "MANAGER" })).data.ok).toBe(true);
    expect((await act(cookie, id, { intent: "add-rule", kind: "STARTING_FROM", value: "2031-03-01" })).data.ok).toBe(true);
    const bad = await act(cookie, id, { intent: "add-rule", kind: "STARTING_FROM", value: "next week" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.value).toBe("Use a date like 2026-03-31.");

    const held = await assignedCoursesForMany([concierge.id, manager.id, starter.id]);
    expect([...held.values()].map((c) => c.map((x) => x.curriculumId))).toEqual([[id], [id], [id]]);

    const ruleId = (await prisma.assignmentRule.findFirstOrThrow({ where: { curriculumId: id, kind: "ROLE" } })).id;
    const ended = await act(cookie, id, { intent: "end-rule", id: ruleId });
    expect(having(ended.data, "message").message).toMatch(
      /^Ended “Role: managers”: (1 person no longer holds|\d+ people no longer hold) Onboarding \d+ through it\.$/,
    );
    expect(await assignedCoursesFor(manager.id)).toEqual([]);
    // A manager created after the rule ended does not receive it.
    const lateManager = await createTestPerson({ role: "MANAGER" });
    await prisma.$transaction((tx) => import("~/.server/curricula/sync").then((m) => m.syncRuleAssignments(tx, [lateManager.id])));
    expect(await assignedCoursesFor(lateManager.id)).toEqual([]);
  });
});

describe("assignedCoursesForMany", () => {
  it("gives every person the same answer as asking one by one, people without curricula included", async () => {
    const { cookie } = await hr();
    const group = dept("Batch");
    const people = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createTestPerson({ department: i % 3 === 0 ? "Elsewhere" : group, startDate: day(`2026-12-${String(i + 1).padStart(2, "0")}`) }),
      ),
    );
    const a = await createCurriculum(cookie, { inOrder: true });
    const b = await createCurriculum(cookie, { courses: [THIRD!.slug] });
    await act(cookie, a, { intent: "add-rule", kind: "DEPARTMENT", value: group });
    await act(cookie, b, {
      intent: "assign-people",
      emails: people
        .slice(0, 4)
        .map((p) => p.email)
        .join(","),
    });
    await completeCourse(people[1]!.id, FIRST!.slug);
    const today = day("2026-12-20");
    const batch = await assignedCoursesForMany(
      people.map((p) => p.id),
      today,
    );
    for (const p of people) expect(batch.get(p.id), p.name).toEqual(await assignedCoursesFor(p.id, today));
    expect(batch.get(people[0]!.id)?.map((c) => c.curriculumId)).toEqual([b]);
    expect(
      batch
        .get(people[1]!.id)
        ?.map((c) => c.curriculumId)
        .sort(),
    ).toEqual([a, b].sort());
    expect(batch.get(people[2]!.id)?.[0]?.courses.map((c) => c.locked)).toEqual([false, true]);
    expect(
      batch
        .get(people[1]!.id)
        ?.find((c) => c.curriculumId === a)
        ?.courses.map((c) => c.locked),
    ).toEqual([false, false]);
  });
});

describe("unassigning and reassigning", () => {
  it("keeps who had it, when, and what they finished; reassigning restores it with the same due dates", async () => {
    const { cookie } = await hr();
    const learner = await createTestPerson({ startDate: day("2026-11-02") });
    const id = await createCurriculum(cookie);
    const assigned = await act(cookie, id, { intent: "assign-people", emails: `${learner.email.toUpperCase()}` });
    expect(assigned.data).toMatchObject({ ok: true, message: expect.stringContaining("to 1 person") });
    // Assigned before the start date, as onboarding usually is: due dates count from the start.
    await prisma.assignment.updateMany({ where: { curriculumId: id }, data: { assignedAt: day("2026-10-20") } });
    await prisma.curriculumCourse.updateMany({ where: { curriculumId: id }, data: { addedAt: day("2026-10-01"), requiredSince: day("2026-10-01") } });
    await completeCourse(learner.id, FIRST!.slug);
    const [before] = (await myLearning(learner.id)).curricula;
    expect(before?.courses.map((c) => [c.state, iso(c.dueDate)])).toEqual([
      ["completed", "2026-11-16"],
      ["not_started", "2026-11-16"],
    ]);

    const unassigned = await act(cookie, id, { intent: "unassign", id: learner.id });
    expect(unassigned.data).toMatchObject({ ok: true });
    expect((await myLearning(learner.id)).curricula).toEqual([]);
    // The record: the period is closed, not deleted, and the completed lessons are untouched.
    expect(await prisma.assignment.findMany({ where: { personId: learner.id }, select: { unassignedAt: true, unassignedById: true } })).toEqual([
      { unassignedAt: expect.any(Date), unassignedById: expect.any(String) },
    ]);
    expect(await prisma.lessonProgress.count({ where: { personId: learner.id, status: "COMPLETED" } })).toBe(FIRST!.lessons.length);
    const page = await outcomeOf(curriculumLoader({ request: makeRequest(`/hr/curricula/${id}`, { cookie }), params: { curriculumId: id }, ...ctx }));
    expect(page.data.assignments.history).toEqual([expect.objectContaining({ person: { id: learner.id, name: learner.name }, via: "Directly" })]);
    expect(page.data.assignments.holderCount).toBe(0);

    await act(cookie, id, { intent: "assign-people", emails: learner.email });
    const [after] = (await myLearning(learner.id)).curricula;
    expect(after?.courses).toEqual(before?.courses);
    expect(await prisma.assignment.count({ where: { personId: learner.id } })).toBe(2);
  });

  it("refuses unknown emails and assigns no one", async () => {
    const { cookie } = await hr();
    const learner = await createTestPerson();
    const id = await createCurriculum(cookie);
    const out = await act(cookie, id, { intent: "assign-people", emails: `${learner.email}, nobody@nowhere.test` });
    expect(out.status).toBe(400);
    expect(out.data.errors.emails).toBe("No one in Baton has this email: nobody@nowhere.test");
    expect(await prisma.assignment.count({ where: { curriculumId: id } })).toBe(0);
  });

  it("assigns the most people the form allows (1,000), more than SQLite takes values in one statement", async () => {
    const { cookie } = await hr();
    const id = await createCurriculum(cookie);
    const tag = `bulk${++unique}`;
    await prisma.person.createMany({
      data: Array.from({ length: 1_000 }, (_, i) => ({ email: `${tag}-${i}@test.baton`, name: `Bulk ${i}`, role: "LEARNER" as const })),
    });
    const emails = Array.from({ length: 1_000 }, (_, i) => `${tag}-${i}@test.baton`).join("\n");
    const out = await act(cookie, id, { intent: "assign-people", emails });
    expect(out.data).toMatchObject({ ok: true });
    expect(await prisma.assignment.count({ where: { curriculumId: id } })).toBe(1_000);
  }, 60_000);
});

describe("the learner's view of a curriculum", () => {
  it("shows assigned curricula first with due dates and what is overdue, then other courses", async () => {
    const { cookie } = await hr();
    const learner = await createTestPerson({ startDate: day("2020-01-06") });
    const id = await createCurriculum(cookie, { name: "Welcome path" });
    await act(cookie, id, { intent: "assign-people", emails: learner.email });
    // Assigned before the 2020 start, so both courses have long been due.
    await prisma.assignment.updateMany({ where: { curriculumId: id }, data: { assignedAt: day("2019-12-20") } });
    await prisma.curriculumCourse.updateMany({ where: { curriculumId: id }, data: { addedAt: day("2019-12-01"), requiredSince: day("2019-12-01") } });
    const data = await myLearning(learner.id);
    expect(data.curricula).toHaveLength(1);
    expect(data.curricula[0]).toMatchObject({ name: "Welcome path" });
    expect(data.curricula[0]?.courses.map((c) => [c.slug, c.overdue, iso(c.dueDate)])).toEqual([
      [FIRST!.slug, true, "2020-01-20"],
      [SECOND!.slug, true, "2020-01-20"],
    ]);
    expect(data.otherCourses.map((c: { slug: string }) => c.slug)).not.toContain(FIRST!.slug);
    expect(data.otherCourses.map((c: { slug: string }) => c.slug)).toContain(THIRD!.slug);
    // Every course still appears once in the full list.
    expect(data.courses.filter((c: { slug: string }) => c.slug === FIRST!.slug)).toHaveLength(1);
  });

  it("in order: the server refuses a locked course's lessons until the required one before it is complete", async () => {
    const { cookie: hrCookie } = await hr();
    const learner = await createTestPerson();
    const { cookie } = await signedInCookie(learner.id);
    const id = await createCurriculum(hrCookie, { inOrder: true });
    await act(hrCookie, id, { intent: "assign-people", emails: learner.email });
    const lesson = SECOND!.lessons.find((l) => l.completion === "view") ?? SECOND!.lessons[0]!;
    const params = { courseSlug: SECOND!.slug, lessonSlug: lesson.slug };
    const path = `/learn/${SECOND!.slug}/${lesson.slug}`;

    const page = await outcomeOf(lessonLoader({ request: makeRequest(path, { cookie }), params, ...ctx }));
    expect(page.status).toBe(403);
    expect(page.body).toContain(`finished “${FIRST!.title}”`);
    const tried = await outcomeOf(lessonAction({ request: makeRequest(path, { cookie, form: { intent: "complete" } }), params, ...ctx }));
    expect(tried.status).toBe(409);
    expect(await prisma.lessonProgress.count({ where: { personId: learner.id, courseSlug: SECOND!.slug } })).toBe(0);
    const course = await outcomeOf(courseLoader({ request: makeRequest(`/learn/${SECOND!.slug}`, { cookie }), params: { courseSlug: SECOND!.slug }, ...ctx }));
    expect(course.data.waitingFor).toEqual({ slug: FIRST!.slug, title: FIRST!.title });

    await completeCourse(learner.id, FIRST!.slug);
    expect((await outcomeOf(lessonLoader({ request: makeRequest(path, { cookie }), params, ...ctx }))).status).toBe(200);
  });

  it("editing never undoes finished work; a required course added later is due counting from the change", async () => {
    const { cookie } = await hr();
    const learner = await createTestPerson({ startDate: day("2026-11-02") });
    const id = await createCurriculum(cookie, { courses: [FIRST!.slug] });
    await act(cookie, id, { intent: "assign-people", emails: learner.email });
    await completeCourse(learner.id, FIRST!.slug);
    // Pretend the curriculum was assigned a while ago, so that the edit comes clearly later.
    await prisma.assignment.updateMany({ where: { curriculumId: id }, data: { assignedAt: day("2026-10-20") } });
    await prisma.curriculumCourse.updateMany({ where: { curriculumId: id }, data: { addedAt: day("2026-10-01"), requiredSince: day("2026-10-01") } });

    const form: Record<string, string> = { intent: "save", name: "Edited", dueKind: "days", dueDays: "14" };
    for (const [i, slug] of [FIRST!.slug, THIRD!.slug].entries()) {
      Object.assign(form, { [`course.${slug}.include`]: "on", [`course.${slug}.position`]: String(i + 1), [`course.${slug}.required`]: "on" });
    }
    // HR saves on 20 November 2026 at 15:30 UTC: the route's clock is injected (vi mocks only Date).
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-20T15:30:00Z") });
    const saved = await act(cookie, id, form).finally(() => vi.useRealTimers());
    expect(having(saved.data, "message").message).toContain("counting from today");
    const [held] = await assignedCoursesFor(learner.id, new Date("2026-11-21T09:00:00Z"));
    // The added course: 14 days from the day of the change (not from the 2 November start, which gives the 16th).
    expect(held?.courses.map((c) => [c.slug, c.state, iso(c.dueDate), c.overdue])).toEqual([
      [FIRST!.slug, "completed", "2026-11-16", false],
      [THIRD!.slug, "not_started", "2026-12-04", false],
    ]);
    expect(await prisma.auditEvent.count({ where: { action: "curriculum.updated", target: "Edited" } })).toBe(1);
  });

  it("archiving stops a curriculum counting and assigning; restoring brings it back", async () => {
    const { cookie } = await hr();
    const group = dept("Billing");
    const learner = await createTestPerson({ department: group });
    const id = await createCurriculum(cookie);
    await act(cookie, id, { intent: "add-rule", kind: "DEPARTMENT", value: group });
    await act(cookie, id, { intent: "archive" });
    expect(await assignedCoursesFor(learner.id)).toEqual([]);
    const joined = await outcomeOf(
      newPersonAction({
        request: makeRequest("/hr/people/new", {
          cookie,
          form: { intent: "save", name: "Joined While Archived", email: `jwa${unique}@test.baton`, role: "LEARNER", department: group },
        }),
        params: {},
        ...ctx,
      }),
    );
    const joinedId = joined.location!.split("/").pop()!.split("?")[0]!;
    expect(await prisma.assignment.count({ where: { personId: joinedId } })).toBe(0);
    const refused = await act(cookie, id, { intent: "assign-people", emails: learner.email });
    expect(refused.data.errors.form).toBe("Restore this curriculum before assigning it.");

    await act(cookie, id, { intent: "restore" });
    expect(await assignedCoursesFor(learner.id)).toHaveLength(1);
    expect(await assignedCoursesFor(joinedId)).toHaveLength(1);
  });
});

describe("HR only", () => {
  it.each(["LEARNER", "MANAGER"] as const)("refuses a %s with 403 on every curricula and import page and action, changing nothing", async (role) => {
    const { cookie: hrCookie } = await hr();
    const id = await createCurriculum(hrCookie);
    const intruder = await createTestPerson({ role });
    const { cookie } = await signedInCookie(intruder.id);
    const calls: [string, () => Promise<unknown>][] = [
      ["list", () => curriculaLoader({ request: makeRequest("/hr/curricula", { cookie }), params: {}, ...ctx })],
      ["new page", () => newCurriculumLoader({ request: makeRequest("/hr/curricula/new", { cookie }), params: {}, ...ctx })],
      [
        "create",
        () =>
          newCurriculumAction({
            request: makeRequest("/hr/curricula/new", { cookie, form: { intent: "save", name: "Sneaky", [`course.${FIRST!.slug}.include`]: "on" } }),
            params: {},
            ...ctx,
          }),
      ],
      ["page", () => curriculumLoader({ request: makeRequest(`/hr/curricula/${id}`, { cookie }), params: { curriculumId: id }, ...ctx })],
      [
        "assign",
        () =>
          curriculumAction({
            request: makeRequest(`/hr/curricula/${id}`, { cookie, form: { intent: "assign-people", emails: intruder.email } }),
            params: { curriculumId: id },
            ...ctx,
          }),
      ],
      [
        "archive",
        () => curriculumAction({ request: makeRequest(`/hr/curricula/${id}`, { cookie, form: { intent: "archive" } }), params: { curriculumId: id }, ...ctx }),
      ],
      ["import page", () => importLoader({ request: makeRequest("/hr/import", { cookie }), params: {}, ...ctx })],
      [
        "import upload",
        () =>
          importAction({
            request: uploadRequest(cookie, `email,name,department,job title,manager email,start date\nsneak@test.baton,S,D,T,,\n`),
            params: {},
            ...ctx,
          }),
      ],
    ];
    for (const [label, call] of calls) {
      const out = await outcomeOf(call());
      expect(out.status, label).toBe(403);
    }
    expect(await prisma.curriculum.count({ where: { name: "Sneaky" } })).toBe(0);
    expect(await prisma.assignment.count({ where: { personId: intruder.id } })).toBe(0);
    expect((await prisma.curriculum.findUniqueOrThrow({ where: { id } })).archivedAt).toBeNull();
    expect(await prisma.importUpload.count({ where: { createdById: intruder.id } })).toBe(0);
    expect(await prisma.person.count({ where: { email: "sneak@test.baton" } })).toBe(0);
  });
});
