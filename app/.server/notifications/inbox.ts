import { prisma } from "../db";

/** The bell's list is short reading: 30 to a page, newest first. */
export const INBOX_PAGE_SIZE = 30;

export type MarkReadOutcome = { kind: "ok"; link: string | null } | { kind: "not-found" };

/** How many of this person's notifications are still unread (the badge on the bell). */
export function unreadCount(personId: string): Promise<number> {
  return prisma.notification.count({ where: { personId, readAt: null } });
}

/** One page of this person's notifications, newest first; a page past the end shows the last one. */
export async function listNotifications(personId: string, { page }: { page: number }) {
  const total = await prisma.notification.count({ where: { personId } });
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const items = await prisma.notification.findMany({
    where: { personId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * INBOX_PAGE_SIZE,
    take: INBOX_PAGE_SIZE,
    select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true },
  });
  return { items, total, page: current, pages, pageSize: INBOX_PAGE_SIZE };
}

/** Mark one of the person's own notifications read (keeping the first time it was read); someone else's is "not-found". */
export async function markRead(personId: string, id: string, now: Date): Promise<MarkReadOutcome> {
  const found = await prisma.notification.findFirst({ where: { id, personId }, select: { link: true, readAt: true } });
  if (!found) return { kind: "not-found" };
  if (!found.readAt) await prisma.notification.updateMany({ where: { id, personId, readAt: null }, data: { readAt: now } });
  return { kind: "ok", link: found.link };
}

/** Mark every unread notification of the person read; returns how many changed. */
export async function markAllRead(personId: string, now: Date): Promise<number> {
  const { count } = await prisma.notification.updateMany({ where: { personId, readAt: null }, data: { readAt: now } });
  return count;
}
