import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { INBOX_PAGE_SIZE, listNotifications, markAllRead, markRead, unreadCount } from "~/.server/notifications/inbox";
import { loader as layoutLoader } from "~/routes/_app";
import { action as inboxAction, loader as inboxLoader } from "~/routes/_app.notifications";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";

const ctx = { context: {} };
const NOW = new Date("2026-11-20T10:00:00Z");
let seq = 0;

/** A notification `minutesAgo` before NOW. */
function addNotification(personId: string, fields: { minutesAgo?: number; link?: string | null; readAt?: Date | null; title?: string } = {}) {
  seq += 1;
  return prisma.notification.create({
    data: {
      personId,
      kind: "feedback_reply",
      key: `test:${personId}:${seq}`,
      title: fields.title ?? `Notification ${seq}`,
      body: "First line\nSecond line",
      link: fields.link ?? null,
      createdAt: new Date(NOW.getTime() - (fields.minutesAgo ?? 0) * 60_000),
      readAt: fields.readAt ?? null,
    },
  });
}

describe("a person's notifications", () => {
  it("counts only their own unread ones", async () => {
    const me = await createTestPerson();
    const other = await createTestPerson();
    expect(await unreadCount(me.id)).toBe(0);
    await addNotification(me.id);
    await addNotification(me.id);
    await addNotification(me.id, { readAt: NOW });
    await addNotification(other.id);
    expect(await unreadCount(me.id)).toBe(2);
  });

  it("lists newest first, 30 to a page, with the total; a page past the end shows the last page", async () => {
    const me = await createTestPerson();
    for (let i = 0; i < INBOX_PAGE_SIZE + 5; i++) await addNotification(me.id, { minutesAgo: i, title: `n${i}` });
    await addNotification((await createTestPerson()).id);

    const first = await listNotifications(me.id, { page: 1 });
    expect(first).toMatchObject({ total: 35, page: 1, pages: 2, pageSize: 30 });
    expect(first.items).toHaveLength(30);
    expect(first.items[0]!.title).toBe("n0");
    expect(first.items.map((n) => n.createdAt.getTime())).toEqual([...first.items.map((n) => n.createdAt.getTime())].sort((a, b) => b - a));

    const second = await listNotifications(me.id, { page: 2 });
    expect(second.items.map((n) => n.title)).toEqual(["n30", "n31", "n32", "n33", "n34"]);
    expect((await listNotifications(me.id, { page: 99 })).page).toBe(2);

    const empty = await listNotifications((await createTestPerson()).id, { page: 1 });
    expect(empty).toMatchObject({ total: 0, page: 1, pages: 1, items: [] });
  });

  it("marks one read, keeps the first time it was read, and cannot touch someone else's", async () => {
    const me = await createTestPerson();
    const other = await createTestPerson();
    const mine = await addNotification(me.id, { link: "/learn" });
    const theirs = await addNotification(other.id);

    expect(await markRead(me.id, mine.id, NOW)).toEqual({ kind: "ok", link: "/learn" });
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toEqual(NOW);
    await markRead(me.id, mine.id, new Date(NOW.getTime() + 60_000));
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toEqual(NOW);

    expect(await markRead(me.id, theirs.id, NOW)).toEqual({ kind: "not-found" });
    expect(await markRead(me.id, "no-such-id", NOW)).toEqual({ kind: "not-found" });
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  });

  it("marks all of one person's read, and nobody else's", async () => {
    const me = await createTestPerson();
    const other = await createTestPerson();
    const earlier = new Date(NOW.getTime() - 3_600_000);
    const alreadyRead = await addNotification(me.id, { readAt: earlier });
    await addNotification(me.id);
    await addNotification(me.id);
    await addNotification(other.id);

    expect(await markAllRead(me.id, NOW)).toBe(2);
    expect(await unreadCount(me.id)).toBe(0);
    expect(await unreadCount(other.id)).toBe(1);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: alreadyRead.id } })).readAt).toEqual(earlier);
    expect(await markAllRead(me.id, NOW)).toBe(0);
  });
});

describe("the bell and the notifications page", () => {
  let me: Awaited<ReturnType<typeof createTestPerson>>;
  let cookie: string;
  beforeAll(async () => {
    me = await createTestPerson();
    cookie = (await signedInCookie(me.id)).cookie;
  });
  const post = (form: Record<string, string>) => outcomeOf(inboxAction({ request: makeRequest("/notifications", { cookie, form }), params: {}, ...ctx }));

  it("the layout carries the unread count for the bell", async () => {
    const before = (await outcomeOf(layoutLoader({ request: makeRequest("/learn", { cookie }), params: {}, ...ctx }))).data.viewer.unread;
    await addNotification(me.id);
    const after = await outcomeOf(layoutLoader({ request: makeRequest("/learn", { cookie }), params: {}, ...ctx }));
    expect(after.data.viewer.unread).toBe(before + 1);
  });

  it("lists the page, and a nonsense page number falls back instead of failing", async () => {
    const page = await outcomeOf(inboxLoader({ request: makeRequest("/notifications?page=banana", { cookie }), params: {}, ...ctx }));
    expect(page.status).toBe(200);
    expect(page.data.page).toBe(1);
    expect(page.data.items.length).toBeGreaterThan(0);
  });

  it("opens a link inside Baton and marks it read, but never redirects to another site", async () => {
    const inside = await addNotification(me.id, { link: "/learn/some-course" });
    const opened = await post({ intent: "open", id: inside.id });
    expect(opened.location).toBe("/learn/some-course");
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: inside.id } })).readAt).not.toBeNull();

    for (const link of ["https://evil.test/x", "//evil.test/x", "/\\evil.test"]) {
      const outside = await addNotification(me.id, { link });
      expect((await post({ intent: "open", id: outside.id })).location, link).toBe("/notifications");
    }
  });

  it("marks one and all read by POST; bad or foreign input is a 4xx with a message", async () => {
    const one = await addNotification(me.id);
    expect((await post({ intent: "read", id: one.id })).status).toBe(200);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: one.id } })).readAt).not.toBeNull();

    await addNotification(me.id);
    const all = await post({ intent: "read-all" });
    expect(all.data.message).toMatch(/Marked \d+ as read/);
    expect(await unreadCount(me.id)).toBe(0);

    const someoneElses = await addNotification((await createTestPerson()).id);
    const foreign = await post({ intent: "read", id: someoneElses.id });
    expect(foreign.status).toBe(404);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: someoneElses.id } })).readAt).toBeNull();

    const unknown = await post({ intent: "delete-everything" });
    expect(unknown.status).toBe(400);
    expect(unknown.data.message).toMatch(/does not do/);
    const noId = await post({ intent: "read" });
    expect(noId.status).toBe(400);
    expect(noId.data.message).toMatch(/Which notification/);
  });
});
