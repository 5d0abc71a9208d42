import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { action as personAction, loader as personLoader } from "~/routes/_app.hr.people.$personId";
import { loader as peopleLoader } from "~/routes/_app.hr.people._index";
import { action as newPersonAction, loader as newPersonLoader } from "~/routes/_app.hr.people.new";
import { loader as hrReportLoader } from "~/routes/_app.hr.readiness._index";
import { loader as csvLoader } from "~/routes/hr.readiness[.]csv";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

const ctx = { params: {}, context: {} };
const site = (name: string) => `${name} ${Math.random().toString(36).slice(2, 7)}`;

async function hrCookie() {
  const hr = await createTestPerson({ role: "HR", department: "People" });
  return { hr, cookie: (await signedInCookie(hr.id)).cookie };
}

async function personAt(location: string | null, extra: Parameters<typeof createTestPerson>[0] = {}) {
  const person = await createTestPerson(extra);
  return prisma.person.update({ where: { id: person.id }, data: { location } });
}

const names = (rows: { name: string }[]) => rows.map((p) => p.name).sort();

describe("a person's location", () => {
  it("is entered when adding a person, shown and changed on their page, and cleared when left blank", async () => {
    const { hr, cookie } = await hrCookie();
    const here = site("Porto");
    await personAt(here);
    const form = { intent: "save", email: `loc-${Date.now()}@test.baton`, name: "Lia Location", role: "LEARNER", location: `  ${here} ` };
    const added = await outcomeOf(newPersonAction({ request: makeRequest("/hr/people/new", { cookie, form }), ...ctx }));
    expect(added.status).toBe(302);
    const id = added.location!.split("/").pop()!.split("?")[0]!;
    expect((await prisma.person.findUniqueOrThrow({ where: { id } })).location).toBe(here);

    const page = await outcomeOf(personLoader({ request: makeRequest(`/hr/people/${id}`, { cookie }), params: { personId: id }, context: {} }));
    expect(page.data.person.location).toBe(here);
    // The form suggests the locations people already have.
    expect(page.data.locations).toContain(here);
    expect((await outcomeOf(newPersonLoader({ request: makeRequest("/hr/people/new", { cookie }), ...ctx }))).data.locations).toContain(here);

    const save = (location: string) =>
      outcomeOf(personAction({ request: makeRequest(`/hr/people/${id}`, { cookie, form: { ...form, location } }), params: { personId: id }, context: {} }));
    const tooLong = await save("x".repeat(101));
    expect(tooLong.status).toBe(400);
    expect(having(tooLong.data, "errors").errors.location).toBeTruthy();
    expect((await prisma.person.findUniqueOrThrow({ where: { id } })).location).toBe(here);

    expect((await save("Faro")).data).toMatchObject({ kind: "done" });
    expect((await prisma.person.findUniqueOrThrow({ where: { id } })).location).toBe("Faro");
    expect((await save("")).data).toMatchObject({ kind: "done" });
    expect((await prisma.person.findUniqueOrThrow({ where: { id } })).location).toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: "person.updated", subjectId: id, actorId: hr.id } })).toBe(2);
  });
});

describe("the Location filter", () => {
  it("narrows the People list to one location, with the other filters", async () => {
    const { cookie } = await hrCookie();
    const here = site("Braga");
    await personAt(here, { name: "Ana Braga", department: "Kitchen" });
    const rui = await personAt(here, { name: "Rui Braga", department: "Bar" });
    const eva = await personAt(site("Faro"), { name: "Eva Faro", department: "Kitchen" });
    // Neither can sign in yet: the "Not invited yet" view filters by location too.
    await prisma.person.updateMany({ where: { id: { in: [rui.id, eva.id] } }, data: { passwordHash: null } });
    const list = (query: string) => outcomeOf(peopleLoader({ request: makeRequest(`/hr/people${query}`, { cookie }), ...ctx }));

    const atBraga = await list(`?location=${encodeURIComponent(here)}`);
    expect(names(atBraga.data.people)).toEqual(["Ana Braga", "Rui Braga"]);
    expect(atBraga.data.people[0]?.location).toBe(here);
    expect(atBraga.data.locations).toContain(here);
    expect(names((await list(`?location=${encodeURIComponent(here)}&department=Kitchen`)).data.people)).toEqual(["Ana Braga"]);
    expect(names((await list(`?location=${encodeURIComponent(here)}&status=not-invited`)).data.people)).toEqual(["Rui Braga"]);
  });

  it("narrows the readiness report, its counts and its CSV to the people at a location, and finds people with none", async () => {
    const { cookie } = await hrCookie();
    const here = site("Evora");
    await personAt(here, { name: "Ivo Evora" });
    await personAt(here, { name: "Zoe Evora" });
    const nowhere = await personAt(null, { name: "Nia Nowhere" });
    await personAt(site("Tavira"), { name: "Tom Tavira" });
    const query = `?location=${encodeURIComponent(here)}`;

    const report = await outcomeOf(hrReportLoader({ request: makeRequest(`/hr/readiness${query}`, { cookie }), ...ctx }));
    expect(names(report.data.people)).toEqual(["Ivo Evora", "Zoe Evora"]);
    expect(report.data.counts.total).toBe(2);
    expect(report.data.filter.location).toBe(here);
    expect(report.data.options.locations).toEqual(expect.arrayContaining([here, "No location"]));

    const csv = await outcomeOf(csvLoader({ request: makeRequest(`/hr/readiness.csv${query}`, { cookie }), ...ctx }));
    const rows = Papa.parse<string[]>(csv.body.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(rows.slice(1).map((r) => r[0])).toEqual(["Ivo Evora", "Zoe Evora"]);

    const none = await outcomeOf(hrReportLoader({ request: makeRequest("/hr/readiness?location=No+location", { cookie }), ...ctx }));
    const noneNames = none.data.people.map((p: { name: string }) => p.name);
    expect(noneNames).toContain(nowhere.name);
    expect(noneNames).not.toContain("Ivo Evora");
  });
});
