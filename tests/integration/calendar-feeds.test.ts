import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import { assignPeople } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { prisma } from "~/.server/db";
import { makeOverride } from "~/.server/overrides/create";
import { deactivatePerson } from "~/.server/people/people";
import { action as accountAction, loader as accountLoader } from "~/routes/_app.account";
import { loader as learnerIcs } from "~/routes/calendar.$token.learner[.]ics";
import { loader as teamIcs } from "~/routes/calendar.$token.team[.]ics";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

const DUE = "internal-customer-service";
const UNDATED = "daily-line-up";
const WAIVED = "listening-both-ways";
const day = (offset: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + offset));
};
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

let hr: Awaited<ReturnType<typeof createTestPerson>>;
let curriculumId: string;
beforeAll(async () => {
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  const curriculum = await createCurriculum(
    {
      name: "Front desk, week one",
      description: "",
      inOrder: false,
      dueRule: null,
      courses: [
        { slug: DUE, required: true, dueRule: { kind: "date", date: day(30) } },
        { slug: UNDATED, required: true, dueRule: null },
        { slug: WAIVED, required: true, dueRule: { kind: "date", date: day(20) } },
      ],
    },
    { actor: hr, ip: null },
  );
  curriculumId = curriculum.id;
});

/** A person holding the curriculum, with the third course waived by HR (nothing left to be due). */
async function learnerWithCourses(overrides: Parameters<typeof createTestPerson>[0] = {}) {
  const learner = await createTestPerson(overrides);
  await assignPeople(curriculumId, [learner.email], { actor: hr, ip: null });
  const waive = new FormData();
  waive.set("intent", "waive");
  waive.set("course", WAIVED);
  waive.set("reason", "Covered in the induction day.");
  expect(await makeOverride({ ...hr, role: "HR" }, learner.id, waive, { ip: null })).toMatchObject({ kind: "created" });
  return learner;
}

/** What the person's browser gets back from the account page's calendar buttons. */
async function accountPost(personId: string, intent: string) {
  const { cookie } = await signedInCookie(personId);
  return outcomeOf(accountAction({ request: makeRequest("/account", { cookie, form: { intent } }), params: {}, context: {} }));
}

/** The links shown once after "Make a calendar link". */
async function makeLinks(personId: string): Promise<{ learner: string; team: string | null }> {
  const out = await accountPost(personId, "calendar-create");
  expect(out.status).toBe(200);
  return having(out.data, "calendarLinks").calendarLinks;
}

/** Fetch a feed link the way a calendar app does: no cookie, just the URL. */
function fetchFeed(link: string) {
  const url = new URL(link);
  const [, , token, file] = url.pathname.split("/");
  const loader = file === "team.ics" ? teamIcs : learnerIcs;
  return outcomeOf(loader({ request: makeRequest(url.pathname), params: { token }, context: {} }));
}

function eventsOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
  return calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

describe("a learner's calendar feed", () => {
  it("lists each open course with a due date as an all-day event on that day", async () => {
    const learner = await learnerWithCourses();
    const links = await makeLinks(learner.id);
    expect(links.learner).toMatch(/^http:\/\/localhost:3000\/calendar\/[a-z2-7]{40}\/learner\.ics$/);
    expect(links.team).toBeNull();

    const out = await fetchFeed(links.learner);
    expect(out.status).toBe(200);
    expect(out.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(out.headers.get("Cache-Control")).toBe("private, no-store");
    expect(out.headers.get("Content-Disposition")).toBe('inline; filename="baton.ics"');
    expect(out.body).toContain("\r\nDTSTART;VALUE=DATE:");

    // The undated course and the waived one have nothing to show.
    const events = eventsOf(out.body);
    const title = getCourse(DUE)!.title;
    const lessons = getCourse(DUE)!.lessons.length;
    expect(events.map((e) => ({ uid: e.uid, summary: e.summary, day: e.startDate.toString(), allDay: e.startDate.isDate }))).toEqual([
      { uid: `${learner.id}-${DUE}@baton`, summary: `Due: ${title}`, day: isoDay(day(30)), allDay: true },
    ]);
    expect(events[0]!.description).toBe(`Front desk, week one · 0 of ${lessons} lessons done\nhttp://localhost:3000/learn/${DUE}`);
    expect(events[0]!.component.getFirstPropertyValue("url")).toBe(`http://localhost:3000/learn/${DUE}`);
  });

  it("keeps the same event id from one fetch to the next, so calendar apps update rather than duplicate", async () => {
    const learner = await learnerWithCourses();
    const links = await makeLinks(learner.id);
    const first = eventsOf((await fetchFeed(links.learner)).body);
    const second = eventsOf((await fetchFeed(links.learner)).body);
    expect(second.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
  });

  it("stops working when a new link replaces it, and the new one works", async () => {
    const learner = await learnerWithCourses();
    const old = await makeLinks(learner.id);
    const fresh = await makeLinks(learner.id);
    expect(fresh.learner).not.toBe(old.learner);
    const gone = await fetchFeed(old.learner);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(gone.body).toMatch(/turned off or replaced/);
    expect((await fetchFeed(fresh.learner)).status).toBe(200);
    expect(await prisma.auditEvent.count({ where: { action: "calendar.token.created", target: learner.email } })).toBe(2);
  });

  it("stops working when turned off, and the account page offers a new one", async () => {
    const learner = await learnerWithCourses();
    const links = await makeLinks(learner.id);
    const { cookie } = await signedInCookie(learner.id);
    const before = await outcomeOf(accountLoader({ request: makeRequest("/account", { cookie }), params: {}, context: {} }));
    expect(before.data.calendar).toEqual({ hasFeed: true, team: false });

    const off = await accountPost(learner.id, "calendar-revoke");
    expect(off.data).toEqual({ calendarRevoked: true });
    expect((await fetchFeed(links.learner)).status).toBe(404);
    expect(await prisma.auditEvent.count({ where: { action: "calendar.token.revoked", target: learner.email } })).toBe(1);
    const after = await outcomeOf(accountLoader({ request: makeRequest("/account", { cookie }), params: {}, context: {} }));
    expect(after.data.calendar).toEqual({ hasFeed: false, team: false });
  });

  it("stops working when the person is deactivated", async () => {
    const learner = await learnerWithCourses();
    const links = await makeLinks(learner.id);
    await deactivatePerson(learner.id, { actor: hr, ip: null });
    expect((await fetchFeed(links.learner)).status).toBe(404);
  });

  it("answers 404 for a link that was never made", async () => {
    expect((await fetchFeed("http://localhost:3000/calendar/notarealtoken/learner.ics")).status).toBe(404);
    expect((await fetchFeed("http://localhost:3000/calendar/notarealtoken/team.ics")).status).toBe(404);
  });
});

describe("a manager's team feed", () => {
  it("lists the direct reports' due dates and no one else's", async () => {
    const manager = await createTestPerson({ role: "MANAGER", name: "Mo Manager" });
    const report = await learnerWithCourses({ managerId: manager.id, name: "Rae Report" });
    const leaver = await learnerWithCourses({ managerId: manager.id, name: "Lee Leaver" });
    await deactivatePerson(leaver.id, { actor: hr, ip: null });
    const otherManager = await createTestPerson({ role: "MANAGER" });
    const stranger = await learnerWithCourses({ managerId: otherManager.id, name: "Sid Stranger" });

    const links = await makeLinks(manager.id);
    expect(links.team).toBe(links.learner.replace(/learner\.ics$/, "team.ics"));
    const out = await fetchFeed(links.team!);
    expect(out.status).toBe(200);
    expect(out.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const events = eventsOf(out.body);
    expect(events.map((e) => ({ uid: e.uid, summary: e.summary, day: e.startDate.toString() }))).toEqual([
      { uid: `${report.id}-${DUE}@baton`, summary: `Rae Report: ${getCourse(DUE)!.title} due`, day: isoDay(day(30)) },
    ]);
    expect(events[0]!.component.getFirstPropertyValue("url")).toBe(`http://localhost:3000/team/${report.id}`);
    expect(out.body).not.toContain(stranger.id);

    // The manager's own feed holds only their own courses (none).
    expect(eventsOf((await fetchFeed(links.learner)).body)).toEqual([]);
  });

  it("is not there for a learner without reports, nor for a manager whose team is empty", async () => {
    const learner = await learnerWithCourses();
    const links = await makeLinks(learner.id);
    const team = await fetchFeed(links.learner.replace(/learner\.ics$/, "team.ics"));
    expect(team.status).toBe(404);
    expect(team.body).toMatch(/no team calendar/);

    const lonelyManager = await createTestPerson({ role: "MANAGER" });
    const managerLinks = await makeLinks(lonelyManager.id);
    expect(managerLinks.team).toBeNull();
    expect((await fetchFeed(managerLinks.learner.replace(/learner\.ics$/, "team.ics"))).status).toBe(404);
  });
});

describe("the account page's actions", () => {
  it("refuses an action it does not know", async () => {
    const person = await createTestPerson();
    const out = await accountPost(person.id, "calendar-everything");
    expect(out.status).toBe(400);
    expect(having(out.data, "errors").errors).toHaveProperty("intent", expect.stringMatching(/does not do/));
    expect(await prisma.person.findUniqueOrThrow({ where: { id: person.id }, select: { calendarTokenHash: true } })).toEqual({ calendarTokenHash: null });
  });

  it("stores only the hash of the link's token", async () => {
    const person = await createTestPerson();
    const links = await makeLinks(person.id);
    const token = new URL(links.learner).pathname.split("/")[2]!;
    const stored = await prisma.person.findUniqueOrThrow({ where: { id: person.id }, select: { calendarTokenHash: true } });
    expect(stored.calendarTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.calendarTokenHash).not.toContain(token);
  });
});
