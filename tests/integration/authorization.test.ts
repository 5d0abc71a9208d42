import { describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { loader as accountLoader } from "~/routes/_app.account";
import { action as personAction, loader as personLoader } from "~/routes/_app.hr.people.$personId";
import { loader as peopleLoader } from "~/routes/_app.hr.people._index";
import { action as newPersonAction, loader as newPersonLoader } from "~/routes/_app.hr.people.new";
import { loader as teamLoader } from "~/routes/_app.team._index";
import { action as inviteAction, loader as inviteLoader } from "~/routes/invite.$token";
import { action as loginAction } from "~/routes/login";
import { TEST_PASSWORD, createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

const ctx = { context: {} };

let ipCounter = 0;
const freshIp = () => `203.0.113.${100 + ++ipCounter}`;

function signIn(email: string, password: string) {
  return outcomeOf(loginAction({ request: makeRequest("/login", { form: { email, password }, ip: freshIp() }), params: {}, ...ctx }));
}

/** Every HR-only door, called as the given browser. */
function hrOnlyCalls(cookie: string, targetId: string) {
  const newPerson = { email: "sneaky@test.baton", name: "Sneaky Add", role: "HR", intent: "save" };
  return [
    ["people list", "/hr/people", () => peopleLoader({ request: makeRequest("/hr/people", { cookie }), params: {}, ...ctx })],
    ["new person page", "/hr/people/new", () => newPersonLoader({ request: makeRequest("/hr/people/new", { cookie }), params: {}, ...ctx })],
    ["create person", "/hr/people/new", () => newPersonAction({ request: makeRequest("/hr/people/new", { cookie, form: newPerson }), params: {}, ...ctx })],
    [
      "person page",
      `/hr/people/${targetId}`,
      () => personLoader({ request: makeRequest(`/hr/people/${targetId}`, { cookie }), params: { personId: targetId }, ...ctx }),
    ],
    [
      "person action (invite)",
      `/hr/people/${targetId}`,
      () =>
        personAction({
          request: makeRequest(`/hr/people/${targetId}`, { cookie, form: { intent: "invite" } }),
          params: { personId: targetId },
          ...ctx,
        }),
    ],
    [
      "person action (deactivate)",
      `/hr/people/${targetId}`,
      () =>
        personAction({
          request: makeRequest(`/hr/people/${targetId}`, { cookie, form: { intent: "deactivate" } }),
          params: { personId: targetId },
          ...ctx,
        }),
    ],
  ] as const;
}

describe("HR-only pages and actions", () => {
  it.each(["LEARNER", "MANAGER"] as const)("refuse a %s with 403 and record the refusal", async (role) => {
    const intruder = await createTestPerson({ role });
    const { cookie } = await signedInCookie(intruder.id);
    const target = await createTestPerson();

    for (const [label, path, call] of hrOnlyCalls(cookie, target.id)) {
      const before = await prisma.auditEvent.count({ where: { action: "authorization.refused", actorId: intruder.id, target: path } });
      const result = await outcomeOf(call());
      expect(result.thrown, label).toBe(true);
      expect(result.status, label).toBe(403);
      expect(result.body, label).toBe("You do not have access to this page.");
      const after = await prisma.auditEvent.count({ where: { action: "authorization.refused", actorId: intruder.id, target: path } });
      expect(after, label).toBe(before + 1);
    }

    // None of the refused actions had any effect.
    expect(await prisma.person.count({ where: { email: "sneaky@test.baton" } })).toBe(0);
    expect(await prisma.invitation.count({ where: { personId: target.id } })).toBe(0);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: target.id } })).deactivatedAt).toBeNull();

    const refusal = await prisma.auditEvent.findFirstOrThrow({ where: { action: "authorization.refused", actorId: intruder.id } });
    expect(JSON.parse(refusal.details ?? "{}")).toMatchObject({ role, needed: ["HR"] });
  });

  it("let HR in", async () => {
    const hr = await createTestPerson({ role: "HR", name: "Hana HR" });
    const { cookie } = await signedInCookie(hr.id);
    const listed = await createTestPerson({ name: "Listed Learner" });
    const people = await outcomeOf(peopleLoader({ request: makeRequest("/hr/people", { cookie }), params: {}, ...ctx }));
    expect(people.status).toBe(200);
    expect(people.data.people.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["Hana HR", "Listed Learner"]));
    const page = await outcomeOf(personLoader({ request: makeRequest(`/hr/people/${listed.id}`, { cookie }), params: { personId: listed.id }, ...ctx }));
    expect(page.data.person).toMatchObject({ name: "Listed Learner", hasPassword: true });
    // The password hash never leaves the server.
    expect(JSON.stringify(page.data)).not.toContain("scrypt$");
    expect(await prisma.auditEvent.count({ where: { action: "authorization.refused", actorId: hr.id } })).toBe(0);
  });

  it("answer 404 for a person who does not exist", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const { cookie } = await signedInCookie(hr.id);
    const result = await outcomeOf(personLoader({ request: makeRequest("/hr/people/nope", { cookie }), params: { personId: "nope" }, ...ctx }));
    expect(result.status).toBe(404);
  });
});

describe("the manager's team page", () => {
  it("shows a manager their active direct reports only", async () => {
    const manager = await createTestPerson({ role: "MANAGER" });
    const otherManager = await createTestPerson({ role: "MANAGER" });
    await createTestPerson({ name: "Mine A", managerId: manager.id });
    await createTestPerson({ name: "Mine B", managerId: manager.id });
    await createTestPerson({ name: "Not Mine", managerId: otherManager.id });
    const gone = await createTestPerson({ name: "Left Already", managerId: manager.id });
    await prisma.person.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });

    const { cookie } = await signedInCookie(manager.id);
    const result = await outcomeOf(teamLoader({ request: makeRequest("/team", { cookie }), params: {}, ...ctx }));
    expect(result.status).toBe(200);
    expect(result.data.people.map((r: { name: string }) => r.name)).toEqual(["Mine A", "Mine B"]);
  });

  it("refuses a learner with 403", async () => {
    const learner = await createTestPerson({ role: "LEARNER" });
    const { cookie } = await signedInCookie(learner.id);
    const result = await outcomeOf(teamLoader({ request: makeRequest("/team", { cookie }), params: {}, ...ctx }));
    expect(result.status).toBe(403);
    expect(await prisma.auditEvent.count({ where: { action: "authorization.refused", actorId: learner.id, target: "/team" } })).toBe(1);
  });
});

describe("not signed in", () => {
  it.each([
    ["/hr/people?q=ana", () => peopleLoader({ request: makeRequest("/hr/people?q=ana"), params: {}, ...ctx })],
    ["/team", () => teamLoader({ request: makeRequest("/team"), params: {}, ...ctx })],
    ["/account", () => accountLoader({ request: makeRequest("/account"), params: {}, ...ctx })],
    [
      "/hr/people/new",
      () => newPersonAction({ request: makeRequest("/hr/people/new", { form: { email: "x@test.baton", name: "X", role: "HR" } }), params: {}, ...ctx }),
    ],
  ] as const)("%s redirects to the sign-in page and back", async (path, call) => {
    const result = await outcomeOf(call());
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
  });

  it("a forged or stale cookie counts as not signed in", async () => {
    const result = await outcomeOf(peopleLoader({ request: makeRequest("/hr/people", { cookie: "baton_session=InRva2VuIg%3D%3D" }), params: {}, ...ctx }));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login?redirectTo=%2Fhr%2Fpeople");
    expect(await prisma.person.count({ where: { email: "x@test.baton" } })).toBe(0);
  });
});

describe("HR adding and editing people", () => {
  it("creates a person and opens their page", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const manager = await createTestPerson({ role: "MANAGER" });
    const { cookie } = await signedInCookie(hr.id);
    const form = {
      intent: "save",
      name: "  Ada Newhire ",
      email: "Ada.Newhire@Test.Baton",
      role: "LEARNER",
      managerId: manager.id,
      department: "Front Desk",
      jobTitle: "",
      startDate: "2026-12-01",
    };
    const result = await outcomeOf(newPersonAction({ request: makeRequest("/hr/people/new", { cookie, form }), params: {}, ...ctx }));
    const created = await prisma.person.findUniqueOrThrow({ where: { email: "ada.newhire@test.baton" } });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/hr/people/${created.id}?created=1`);
    expect(created).toMatchObject({
      name: "Ada Newhire",
      role: "LEARNER",
      managerId: manager.id,
      department: "Front Desk",
      jobTitle: null,
      startDate: new Date("2026-12-01T00:00:00.000Z"),
      passwordHash: null,
    });
    expect(await prisma.auditEvent.count({ where: { action: "person.created", target: created.email, actorId: hr.id } })).toBe(1);
    // No password yet: they cannot sign in until they use an invitation.
    expect((await signIn(created.email, "")).status).toBe(400);
    expect((await signIn(created.email, TEST_PASSWORD)).status).toBe(401);
  });

  it("returns field errors as data and writes nothing for a bad email", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const { cookie } = await signedInCookie(hr.id);
    const before = await prisma.person.count();
    const form = { intent: "save", name: "No Email", email: "not an email", role: "LEARNER", startDate: "2026-02-30" };
    const result = await outcomeOf(newPersonAction({ request: makeRequest("/hr/people/new", { cookie, form }), params: {}, ...ctx }));
    expect(result.thrown).toBe(false);
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({ email: "Enter a valid email address.", startDate: "That date does not exist." });
    // What was typed comes back so the form can show it again.
    expect(result.data.values).toMatchObject({ name: "No Email", email: "not an email" });
    expect(await prisma.person.count()).toBe(before);
    expect(await prisma.auditEvent.count({ where: { action: "person.created", actorId: hr.id } })).toBe(0);
  });

  it("refuses an email someone already has", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const existing = await createTestPerson({ name: "First Holder" });
    const { cookie } = await signedInCookie(hr.id);
    const form = { intent: "save", name: "Second Holder", email: existing.email.toUpperCase(), role: "LEARNER" };
    const result = await outcomeOf(newPersonAction({ request: makeRequest("/hr/people/new", { cookie, form }), params: {}, ...ctx }));
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ email: "Someone already has this email." });
    expect(await prisma.person.count({ where: { name: "Second Holder" } })).toBe(0);
  });

  it("refuses a manager who would create a cycle, and a person managing themselves", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const { cookie } = await signedInCookie(hr.id);
    const top = await createTestPerson({ role: "MANAGER", name: "Top Manager" });
    const middle = await createTestPerson({ role: "MANAGER", name: "Middle Manager", managerId: top.id });
    const bottom = await createTestPerson({ role: "MANAGER", name: "Bottom Manager", managerId: middle.id });

    const save = (person: typeof top, managerId: string) =>
      outcomeOf(
        personAction({
          request: makeRequest(`/hr/people/${person.id}`, {
            cookie,
            form: { intent: "save", name: person.name, email: person.email, role: person.role, managerId },
          }),
          params: { personId: person.id },
          ...ctx,
        }),
      );

    const cycle = await save(top, bottom.id);
    expect(cycle.status).toBe(400);
    expect(cycle.data).toEqual({ kind: "invalid", errors: { managerId: "That would make a person manage themselves." } });
    const self = await save(middle, middle.id);
    expect(self.status).toBe(400);
    expect(having(self.data, "errors").errors.managerId).toBe("That would make a person manage themselves.");
    const missing = await save(middle, "no-such-person");
    expect(having(missing.data, "errors").errors.managerId).toBe("That manager does not exist.");

    expect((await prisma.person.findUniqueOrThrow({ where: { id: top.id } })).managerId).toBeNull();
    expect((await prisma.person.findUniqueOrThrow({ where: { id: middle.id } })).managerId).toBe(top.id);

    // A legal move still works.
    const fine = await save(bottom, top.id);
    expect(fine.data).toEqual({ kind: "done", message: "Saved." });
    expect((await prisma.person.findUniqueOrThrow({ where: { id: bottom.id } })).managerId).toBe(top.id);
  });
});

describe("invitation links", () => {
  async function newHireWithInvite() {
    const hr = await createTestPerson({ role: "HR" });
    const { cookie } = await signedInCookie(hr.id);
    const created = await outcomeOf(
      newPersonAction({
        request: makeRequest("/hr/people/new", {
          cookie,
          form: { intent: "save", name: "Ivy Invitee", email: `ivy${++ipCounter}@test.baton`, role: "LEARNER" },
        }),
        params: {},
        ...ctx,
      }),
    );
    const personId = created.location!.split("/").pop()!.split("?")[0]!;
    const invite = () =>
      outcomeOf(personAction({ request: makeRequest(`/hr/people/${personId}`, { cookie, form: { intent: "invite" } }), params: { personId }, ...ctx }));
    return { hr, cookie, personId, invite };
  }

  const tokenOf = (link: string) => {
    expect(link).toMatch(/^http:\/\/localhost:3000\/invite\/[a-z2-7]+$/);
    return link.split("/").pop()!;
  };

  const setPassword = (token: string, password: string, confirmPassword = password) =>
    outcomeOf(inviteAction({ request: makeRequest(`/invite/${token}`, { form: { password, confirmPassword } }), params: { token }, ...ctx }));

  it("lets the new person set a password once, then sign in with it", async () => {
    const { hr, personId, invite } = await newHireWithInvite();
    const person = await prisma.person.findUniqueOrThrow({ where: { id: personId } });
    const invited = await invite();
    expect(invited.status).toBe(200);
    expect(invited.data.kind).toBe("invited");
    const token = tokenOf(having(invited.data, "link").link);
    // Only a hash of the token is stored.
    expect(await prisma.invitation.count({ where: { tokenHash: token } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "invitation.created", target: person.email, actorId: hr.id } })).toBe(1);

    const page = await outcomeOf(inviteLoader({ request: makeRequest(`/invite/${token}`), params: { token }, ...ctx }));
    expect(page.data).toEqual({ name: "Ivy Invitee", email: person.email, reset: false });

    const weak = await setPassword(token, "short");
    expect(weak.status).toBe(400);
    expect(having(weak.data, "errors").errors.password).toMatch(/at least 8/);
    const differ = await setPassword(token, "lantern orchard 42", "lantern orchard 43");
    expect(having(differ.data, "errors").errors.confirmPassword).toBe("The two passwords differ.");

    const used = await setPassword(token, "lantern orchard 42");
    expect(used.status).toBe(302);
    expect(used.location).toBe("/login?welcome=1");

    const again = await setPassword(token, "someone else's pick");
    // A used link is gone (410) and says why (tests/integration/invitation-links.test.ts).
    expect(again.status).toBe(410);
    const reopened = await outcomeOf(inviteLoader({ request: makeRequest(`/invite/${token}`), params: { token }, ...ctx }));
    expect(reopened.status).toBe(410);

    const signedIn = await signIn(person.email, "lantern orchard 42");
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe("/learn");
    expect((await signIn(person.email, "someone else's pick")).status).toBe(401);
  });

  it("a newer link replaces an older unused one", async () => {
    const { invite } = await newHireWithInvite();
    const first = tokenOf(having((await invite()).data, "link").link);
    const second = tokenOf(having((await invite()).data, "link").link);
    expect(first).not.toBe(second);
    expect((await setPassword(first, "lantern orchard 42")).status).toBe(410);
    expect((await setPassword(second, "lantern orchard 42")).status).toBe(302);
  });

  it("as a password reset, signs the person out of every browser", async () => {
    const { hr, personId, invite } = await newHireWithInvite();
    // Give them the shared test password, as if they had used an earlier invitation.
    const { passwordHash } = await prisma.person.findUniqueOrThrow({ where: { id: hr.id } });
    await prisma.person.update({ where: { id: personId }, data: { passwordHash } });
    const email = (await prisma.person.findUniqueOrThrow({ where: { id: personId } })).email;
    expect((await signIn(email, TEST_PASSWORD)).status).toBe(302);
    expect(await prisma.session.count({ where: { personId } })).toBe(1);

    const token = tokenOf(having((await invite()).data, "link").link);
    expect((await setPassword(token, "lantern orchard 42")).status).toBe(302);
    expect(await prisma.session.count({ where: { personId } })).toBe(0);
    expect((await signIn(email, TEST_PASSWORD)).status).toBe(401);
  });

  it("stops working when the person is deactivated", async () => {
    const { cookie, personId, invite } = await newHireWithInvite();
    const token = tokenOf(having((await invite()).data, "link").link);
    await outcomeOf(personAction({ request: makeRequest(`/hr/people/${personId}`, { cookie, form: { intent: "deactivate" } }), params: { personId }, ...ctx }));
    expect((await outcomeOf(inviteLoader({ request: makeRequest(`/invite/${token}`), params: { token }, ...ctx }))).status).toBe(410);
    expect((await setPassword(token, "lantern orchard 42")).status).toBe(410);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: personId } })).passwordHash).toBeNull();
  });

  it("an unknown token is a 404", async () => {
    expect((await outcomeOf(inviteLoader({ request: makeRequest("/invite/abc"), params: { token: "abc" }, ...ctx }))).status).toBe(404);
    expect((await setPassword("abc", "lantern orchard 42")).status).toBe(404);
  });
});
