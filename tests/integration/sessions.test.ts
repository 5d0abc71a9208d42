import { describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { loader as appLoader } from "~/routes/_app";
import { action as accountAction } from "~/routes/_app.account";
import { action as personAction } from "~/routes/_app.hr.people.$personId";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { TEST_PASSWORD, cookiePair, createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

let ipCounter = 0;
const freshIp = () => `192.0.2.${++ipCounter}`;

async function signIn(email: string, password = TEST_PASSWORD) {
  const result = await outcomeOf(loginAction({ request: makeRequest("/login", { form: { email, password }, ip: freshIp() }), params: {}, context: {} }));
  return { result, cookie: result.status === 302 ? cookiePair(result.headers.get("Set-Cookie")) : null };
}

/** Who the cookie signs in as, or null when the app sends it to /login. */
async function whoIs(cookie: string) {
  const result = await outcomeOf(appLoader({ request: makeRequest("/learn", { cookie }), params: {}, context: {} }));
  if (result.thrown) {
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login?redirectTo=%2Flearn");
    return null;
  }
  return (result.data as { viewer: { email: string } }).viewer.email;
}

function hrAction(personId: string, cookie: string, form: Record<string, string>) {
  return outcomeOf(personAction({ request: makeRequest(`/hr/people/${personId}`, { cookie, form }), params: { personId }, context: {} }));
}

function changePassword(cookie: string, form: Record<string, string>) {
  return outcomeOf(accountAction({ request: makeRequest("/account", { cookie, form }), params: {}, context: {} }));
}

describe("signing out", () => {
  it("ends this browser's session so the cookie no longer signs anyone in", async () => {
    const person = await createTestPerson();
    const { cookie } = await signIn(person.email);
    const other = await signIn(person.email);
    expect(await whoIs(cookie!)).toBe(person.email);

    const out = await outcomeOf(logoutAction({ request: makeRequest("/logout", { method: "POST", cookie: cookie! }), params: {}, context: {} }));
    expect(out.status).toBe(302);
    expect(out.location).toBe("/login");
    // The browser is told to forget the cookie.
    expect(out.headers.get("Set-Cookie")).toMatch(/^baton_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);

    expect(await whoIs(cookie!)).toBeNull();
    // Only this browser was signed out.
    expect(await prisma.session.count({ where: { personId: person.id } })).toBe(1);
    expect(await whoIs(other.cookie!)).toBe(person.email);
    expect(await prisma.auditEvent.count({ where: { action: "sign_out", actorId: person.id } })).toBe(1);
  });

  it("still clears the cookie when the session had already ended", async () => {
    const out = await outcomeOf(
      logoutAction({ request: makeRequest("/logout", { method: "POST", cookie: "baton_session=garbage" }), params: {}, context: {} }),
    );
    expect(out.status).toBe(302);
    expect(out.location).toBe("/login");
    expect(out.headers.get("Set-Cookie")).toMatch(/^baton_session=;/);
  });
});

describe("HR ending someone's sessions", () => {
  it("deactivating a person signs them out everywhere and keeps them out", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const hrBrowser = await signedInCookie(hr.id);
    const person = await createTestPerson();
    const laptop = await signIn(person.email);
    const phone = await signIn(person.email);
    expect(await whoIs(laptop.cookie!)).toBe(person.email);

    const result = await hrAction(person.id, hrBrowser.cookie, { intent: "deactivate" });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ kind: "done", message: expect.stringMatching(/^Deactivated/) });

    expect(await prisma.session.count({ where: { personId: person.id } })).toBe(0);
    expect(await whoIs(laptop.cookie!)).toBeNull();
    expect(await whoIs(phone.cookie!)).toBeNull();
    expect((await signIn(person.email)).result.status).toBe(401);
    // HR stays signed in.
    expect(await whoIs(hrBrowser.cookie)).toBe(hr.email);
    expect(await prisma.auditEvent.count({ where: { action: "person.deactivated", target: person.email, actorId: hr.id } })).toBe(1);
  });

  it("HR cannot deactivate themselves", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const hrBrowser = await signedInCookie(hr.id);
    const result = await hrAction(hr.id, hrBrowser.cookie, { intent: "deactivate" });
    expect(result.status).toBe(400);
    expect(having(result.data, "message").message).toBe("You cannot deactivate yourself.");
    expect((await prisma.person.findUniqueOrThrow({ where: { id: hr.id } })).deactivatedAt).toBeNull();
    expect(await whoIs(hrBrowser.cookie)).toBe(hr.email);
  });

  it("a reactivated person can sign in again", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const hrBrowser = await signedInCookie(hr.id);
    const person = await createTestPerson();
    await hrAction(person.id, hrBrowser.cookie, { intent: "deactivate" });
    expect((await signIn(person.email)).result.status).toBe(401);
    const result = await hrAction(person.id, hrBrowser.cookie, { intent: "reactivate" });
    expect(result.data).toMatchObject({ kind: "done", message: "Reactivated." });
    const again = await signIn(person.email);
    expect(again.result.status).toBe(302);
    expect(await whoIs(again.cookie!)).toBe(person.email);
  });

  it("'End all sessions' signs the person out of every browser but lets them sign in again", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const hrBrowser = await signedInCookie(hr.id);
    const person = await createTestPerson();
    const laptop = await signIn(person.email);
    const phone = await signIn(person.email);
    const bystander = await createTestPerson();
    const bystanderBrowser = await signIn(bystander.email);

    const result = await hrAction(person.id, hrBrowser.cookie, { intent: "end-sessions" });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ kind: "done", message: "Ended 2 sessions." });

    expect(await whoIs(laptop.cookie!)).toBeNull();
    expect(await whoIs(phone.cookie!)).toBeNull();
    expect(await whoIs(bystanderBrowser.cookie!)).toBe(bystander.email);
    expect(await whoIs(hrBrowser.cookie)).toBe(hr.email);
    expect(await prisma.auditEvent.count({ where: { action: "person.sessions_ended", target: person.email } })).toBe(1);

    // Not a deactivation: they may come back.
    const again = await signIn(person.email);
    expect(again.result.status).toBe(302);
    expect(await whoIs(again.cookie!)).toBe(person.email);
  });

  it("changing someone's role makes them sign in again", async () => {
    const hr = await createTestPerson({ role: "HR" });
    const hrBrowser = await signedInCookie(hr.id);
    const person = await createTestPerson();
    const browser = await signIn(person.email);
    const result = await hrAction(person.id, hrBrowser.cookie, {
      intent: "save",
      email: person.email,
      name: person.name,
      role: "MANAGER",
      department: "Support",
    });
    expect(result.data).toEqual({ kind: "done", message: "Saved." });
    expect(await whoIs(browser.cookie!)).toBeNull();
    expect((await signIn(person.email)).result.location).toBe("/team");
  });
});

describe("changing one's own password", () => {
  const NEW_PASSWORD = "quiet river stones 7";

  it("refuses a wrong current password and changes nothing", async () => {
    const person = await createTestPerson();
    const here = await signIn(person.email);
    const elsewhere = await signIn(person.email);
    const result = await changePassword(here.cookie!, {
      currentPassword: "not-my-password",
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(result.status).toBe(400);
    expect(having(result.data, "errors").errors).toEqual({ currentPassword: "That is not your current password." });
    expect(await whoIs(elsewhere.cookie!)).toBe(person.email);
    expect((await signIn(person.email, NEW_PASSWORD)).result.status).toBe(401);
    expect((await signIn(person.email, TEST_PASSWORD)).result.status).toBe(302);
    expect(await prisma.auditEvent.count({ where: { action: "password.change_failed", actorId: person.id } })).toBe(1);
  });

  it("checks the new password before changing anything", async () => {
    const person = await createTestPerson();
    const here = await signIn(person.email);
    const mismatch = await changePassword(here.cookie!, {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD + "!",
    });
    expect(mismatch.status).toBe(400);
    expect(having(mismatch.data, "errors").errors).toHaveProperty("confirmPassword", "The two new passwords differ.");
    const weak = await changePassword(here.cookie!, { currentPassword: TEST_PASSWORD, newPassword: "password1", confirmPassword: "password1" });
    expect(weak.status).toBe(400);
    expect(having(weak.data, "errors").errors).toHaveProperty("newPassword", expect.stringMatching(/too common/));
    const short = await changePassword(here.cookie!, { currentPassword: TEST_PASSWORD, newPassword: "abc", confirmPassword: "abc" });
    expect(having(short.data, "errors").errors).toHaveProperty("newPassword", expect.stringMatching(/at least 8/));
    expect((await signIn(person.email, TEST_PASSWORD)).result.status).toBe(302);
  });

  it("with the current password: changes it, signs out other browsers and keeps this one", async () => {
    const person = await createTestPerson();
    const here = await signIn(person.email);
    const laptop = await signIn(person.email);
    const phone = await signIn(person.email);
    const someoneElse = await createTestPerson();
    const theirBrowser = await signIn(someoneElse.email);

    const result = await changePassword(here.cookie!, {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ ok: true, errors: {} });

    expect(await whoIs(here.cookie!)).toBe(person.email);
    expect(await whoIs(laptop.cookie!)).toBeNull();
    expect(await whoIs(phone.cookie!)).toBeNull();
    expect(await whoIs(theirBrowser.cookie!)).toBe(someoneElse.email);
    expect(await prisma.session.count({ where: { personId: person.id } })).toBe(1);

    expect((await signIn(person.email, TEST_PASSWORD)).result.status).toBe(401);
    expect((await signIn(person.email, NEW_PASSWORD)).result.status).toBe(302);
    expect(await prisma.auditEvent.count({ where: { action: "password.changed", actorId: person.id } })).toBe(1);
  });

  it("needs a signed-in person", async () => {
    const result = await changePassword("baton_session=nobody", {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login?redirectTo=%2Faccount");
  });
});
