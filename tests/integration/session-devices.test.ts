import { describe, expect, it } from "vitest";
import { sessionCookieHeader } from "~/.server/auth/cookie";
import { createSession, sweepExpiredSessions, validateSessionToken } from "~/.server/auth/session";
import { SESSION_RENEW_EVERY_MS } from "~/.server/auth/session-rules";
import { prisma } from "~/.server/db";
import { action as accountAction, loader as accountLoader } from "~/routes/_app.account";
import { cookiePair, createTestPerson, makeRequest, outcomeOf } from "../factories";

const ctx = { params: {}, context: {} };
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** A browser signed in with this User-Agent: its cookie and stored session id. */
async function browser(personId: string, userAgent: string, at = new Date()) {
  const { token, session } = await createSession(personId, at, { userAgent, ip: "198.51.100.4" });
  return { cookie: cookiePair(await sessionCookieHeader(token)), token, sessionId: session.id };
}

const page = async (cookie: string) => (await outcomeOf(accountLoader({ request: makeRequest("/account", { cookie }), ...ctx }))).data;
const post = (cookie: string, form: Record<string, string>) => outcomeOf(accountAction({ request: makeRequest("/account", { cookie, form }), ...ctx }));
const sessionIds = async (personId: string) => (await prisma.session.findMany({ where: { personId }, select: { id: true } })).map((s) => s.id).sort();

describe("where you're signed in", () => {
  it("lists the person's own sessions with a device label, this browser marked, newest first", async () => {
    const person = await createTestPerson();
    const someoneElse = await createTestPerson();
    await browser(someoneElse.id, CHROME_WINDOWS);
    const laptop = await browser(person.id, FIREFOX_LINUX, new Date(Date.now() - 60_000));
    const phone = await browser(person.id, SAFARI_IPHONE);

    const { sessions } = await page(laptop.cookie);
    expect(sessions).toEqual([
      { id: phone.sessionId, device: "Safari on iPhone", signedInAt: expect.any(Date), lastSeenAt: expect.any(Date), current: false },
      { id: laptop.sessionId, device: "Firefox on Linux", signedInAt: expect.any(Date), lastSeenAt: expect.any(Date), current: true },
    ]);
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: phone.sessionId } });
    expect(stored).toMatchObject({ userAgent: SAFARI_IPHONE, ip: "198.51.100.4" });
  });

  it("keeps at most 200 characters of a User-Agent", async () => {
    const person = await createTestPerson();
    const { sessionId } = await browser(person.id, `Mozilla/5.0 ${"x".repeat(5000)}`);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).userAgent).toHaveLength(200);
  });

  it("signs out one other browser, audited", async () => {
    const person = await createTestPerson();
    const laptop = await browser(person.id, FIREFOX_LINUX);
    const phone = await browser(person.id, SAFARI_IPHONE);
    const tablet = await browser(person.id, CHROME_WINDOWS);

    const out = await post(laptop.cookie, { intent: "session-end", session: phone.sessionId });
    expect(out).toMatchObject({ status: 200, data: { sessions: { tone: "success", message: "Signed out that browser." } } });
    expect(await sessionIds(person.id)).toEqual([laptop.sessionId, tablet.sessionId].sort());
    expect(await validateSessionToken(phone.token)).toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: "session.ended", subjectId: person.id } })).toBe(1);

    // Again: it is already gone.
    expect(await post(laptop.cookie, { intent: "session-end", session: phone.sessionId })).toMatchObject({ status: 400 });
  });

  it("signs out everywhere else, keeping this browser", async () => {
    const person = await createTestPerson();
    const laptop = await browser(person.id, FIREFOX_LINUX);
    await browser(person.id, SAFARI_IPHONE);
    await browser(person.id, CHROME_WINDOWS);

    const out = await post(laptop.cookie, { intent: "sessions-end-others" });
    expect(out).toMatchObject({ status: 200, data: { sessions: { message: "Signed out 2 other browsers." } } });
    expect(await sessionIds(person.id)).toEqual([laptop.sessionId]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "session.ended_others", subjectId: person.id } });
    expect(JSON.parse(audit.details ?? "{}")).toEqual({ count: 2 });
    expect((await page(laptop.cookie)).sessions).toHaveLength(1);
  });

  it("cannot end someone else's session, and answers as for one that does not exist", async () => {
    const person = await createTestPerson();
    const victim = await createTestPerson();
    const mine = await browser(person.id, FIREFOX_LINUX);
    const theirs = await browser(victim.id, SAFARI_IPHONE);

    const other = await post(mine.cookie, { intent: "session-end", session: theirs.sessionId });
    const missing = await post(mine.cookie, { intent: "session-end", session: "no-such-session" });
    expect(other).toMatchObject({ status: 400, data: { sessions: { tone: "error", message: "That browser is already signed out." } } });
    expect(missing.status).toBe(other.status);
    expect(missing.data).toEqual(other.data);
    expect(await sessionIds(victim.id)).toEqual([theirs.sessionId]);
    expect(await post(mine.cookie, { intent: "session-end" })).toMatchObject({ status: 400 });
    expect(await prisma.auditEvent.count({ where: { action: "session.ended", actorId: person.id } })).toBe(0);
  });
});

describe("session upkeep", () => {
  it("records when a browser was last seen as the expiry slides, at most hourly", async () => {
    const person = await createTestPerson();
    const start = new Date("2026-11-02T09:00:00Z");
    const { token, sessionId } = await browser(person.id, FIREFOX_LINUX, start);
    const lastSeen = async () => (await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt;
    expect(await lastSeen()).toEqual(start);

    await validateSessionToken(token, new Date(start.getTime() + SESSION_RENEW_EVERY_MS / 2));
    expect(await lastSeen()).toEqual(start);
    const later = new Date(start.getTime() + 2 * SESSION_RENEW_EVERY_MS);
    await validateSessionToken(token, later);
    expect(await lastSeen()).toEqual(later);
  });

  it("sweeping deletes expired sessions only", async () => {
    const person = await createTestPerson();
    const now = new Date();
    const live = await browser(person.id, FIREFOX_LINUX);
    const expired = await browser(person.id, SAFARI_IPHONE);
    const justExpired = await browser(person.id, CHROME_WINDOWS);
    await prisma.session.update({ where: { id: expired.sessionId }, data: { expiresAt: new Date(now.getTime() - 86_400_000) } });
    await prisma.session.update({ where: { id: justExpired.sessionId }, data: { expiresAt: now } });
    const othersBefore = await prisma.session.count({ where: { personId: { not: person.id }, expiresAt: { gt: now } } });

    expect(await sweepExpiredSessions(now)).toBeGreaterThanOrEqual(2);
    expect(await sessionIds(person.id)).toEqual([live.sessionId]);
    expect(await prisma.session.count({ where: { personId: { not: person.id } } })).toBe(othersBefore);
  });
});
