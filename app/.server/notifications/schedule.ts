/**
 * Messages that time causes, found from the stored readiness (docs/readiness.md): due-date reminders, the
 * managers' weekly digest, and HR's escalations. Each has a key per person and day (or week, or episode), so
 * running a pass twice, or in two processes at once, queues each message once.
 */
import { stateLabel, type ReadinessState } from "~/utils/readiness-states";
import { prisma } from "../db";
import { yieldToOthers } from "../pace";
import { parseCourse } from "../readiness/csv-stream";
import type { AssignedCourse } from "../readiness/rules";
import { freshenReadiness } from "../readiness/upkeep";
import { localDay, localParts } from "./local-time";
import { notify, type Outgoing } from "./notify";
import { orgSettings, type OrgSettings } from "./settings";
import { dueReminderMessage, escalationMessage, managerDigestMessage, type ReminderItem } from "./templates";

const DAY = 24 * 60 * 60 * 1000;
const PAGE = 500;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Messages newly queued: in the app, and by e-mail. */
export type Tally = { app: number; email: number };
const add = (sum: Tally, r: Tally) => {
  sum.app += r.app;
  sum.email += r.email;
};

async function send(messages: Outgoing[], now: Date, settings: OrgSettings): Promise<Tally> {
  if (messages.length === 0) return { app: 0, email: 0 };
  const { app, email } = await prisma.$transaction((tx) => notify(tx, messages, now, settings));
  return { app, email };
}

/** What a reminder says about one course today, or null when today is not a day to mention it. */
function reminderWhen(c: AssignedCourse, today: Date): { when: ReminderItem["when"]; triggers: boolean } | null {
  if (!c.dueDate || c.completed || c.waived) return null;
  const days = Math.round((c.dueDate.getTime() - today.getTime()) / DAY);
  if (days === 7) return { when: "in 7 days", triggers: true };
  if (days === 1) return { when: "tomorrow", triggers: true };
  if (days === 0) return { when: "today", triggers: true };
  // Overdue: the day after the due day, then once a week, so a late course is never forgotten nor nagged daily.
  if (days < 0) return { when: "overdue", triggers: -days % 7 === 1 };
  return null;
}

const WHEN_ORDER: Record<ReminderItem["when"], number> = { overdue: 0, today: 1, tomorrow: 2, "in 7 days": 3 };

/** At most one reminder per person per local day, bundling every course worth mentioning that day. */
export async function queueDueReminders(now: Date, settings: OrgSettings): Promise<Tally> {
  await freshenReadiness(now);
  const today = localDay(now, settings.timeZone);
  const queued: Tally = { app: 0, email: 0 };
  let after = "";
  for (;;) {
    const people = await prisma.person.findMany({
      where: { id: { gt: after }, deactivatedAt: null, passwordHash: { not: null }, readiness: { courses: { some: {} } } },
      select: { id: true, name: true, email: true, readiness: { select: { courses: { select: { data: true } } } } },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    if (people.length === 0) break;
    after = people.at(-1)!.id;
    const messages: Outgoing[] = [];
    for (const p of people) {
      const items: ReminderItem[] = [];
      let triggers = false;
      for (const row of p.readiness?.courses ?? []) {
        const c = parseCourse(row.data);
        const w = reminderWhen(c, today);
        if (!w) continue;
        triggers ||= w.triggers;
        items.push({ courseTitle: c.courseTitle, courseSlug: c.courseSlug, dueDate: c.dueDate!, curriculumName: c.curriculumName, when: w.when });
      }
      if (!triggers) continue;
      items.sort((a, b) => WHEN_ORDER[a.when] - WHEN_ORDER[b.when] || a.dueDate.getTime() - b.dueDate.getTime());
      messages.push({ kind: "due_reminder", key: `due_reminder:${p.id}:${isoDay(today)}`, to: p, content: dueReminderMessage({ items }) });
    }
    if (messages.length) add(queued, await prisma.$transaction((tx) => notify(tx, messages, now, settings)));
    await yieldToOthers();
  }
  return queued;
}

const NEEDS_HELP: ReadinessState[] = ["OVERDUE", "EXPIRED", "BLOCKED", "AT_RISK", "EXPIRING", "NOT_STARTED", "INVITED"];

/** Mondays (local time): each manager with active reports hears how the team stands and who needs help first. */
export async function queueManagerDigests(now: Date, settings: OrgSettings): Promise<Tally> {
  const local = localParts(now, settings.timeZone);
  if (local.weekday !== 1) return { app: 0, email: 0 };
  await freshenReadiness(now);
  const monday = localDay(now, settings.timeZone);
  const managers = await prisma.person.findMany({
    where: { deactivatedAt: null, passwordHash: { not: null }, reports: { some: { deactivatedAt: null } } },
    select: { id: true, name: true, email: true },
  });
  const messages: Outgoing[] = [];
  for (const m of managers) {
    const team = await prisma.readinessSummary.findMany({
      where: { managerId: m.id, active: true, inScope: true },
      select: { name: true, state: true, reasons: true, personId: true },
      orderBy: [{ urgency: "asc" }, { name: "asc" }],
    });
    const signOffs = await prisma.practiceSubmission.count({ where: { status: "WAITING", person: { managerId: m.id, deactivatedAt: null } } });
    if (team.length === 0 && signOffs === 0) continue;
    const counts = new Map<ReadinessState, number>();
    for (const t of team) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
    const needHelp = team
      .filter((t) => NEEDS_HELP.includes(t.state))
      .slice(0, 5)
      .map((t) => ({ text: `${t.name}: ${stateLabel[t.state]}`, detail: (JSON.parse(t.reasons) as string[])[0] }));
    messages.push({
      kind: "manager_digest",
      key: `manager_digest:${m.id}:${isoDay(monday)}`,
      to: m,
      content: managerDigestMessage({
        weekOf: monday,
        counts: [...counts].map(([state, n]) => ({ text: String(n), detail: stateLabel[state].toLowerCase() })),
        needHelp,
        signOffs,
      }),
    });
  }
  return send(messages, now, settings);
}

/** HR hears once per episode about each person Blocked, or Overdue for more than the organisation's number of days. */
export async function queueEscalations(now: Date, settings: OrgSettings): Promise<Tally> {
  await freshenReadiness(now);
  const cutoff = new Date(now.getTime() - settings.escalationDays * DAY);
  const [people, hr] = await Promise.all([
    prisma.readinessSummary.findMany({
      where: { active: true, inScope: true, OR: [{ state: "BLOCKED" }, { state: "OVERDUE", since: { lte: cutoff } }] },
      select: { personId: true, name: true, state: true, since: true, reasons: true },
    }),
    prisma.person.findMany({ where: { role: "HR", deactivatedAt: null, passwordHash: { not: null } }, select: { id: true, name: true, email: true } }),
  ]);
  const messages: Outgoing[] = people.flatMap((p) =>
    hr.map((h) => ({
      kind: "escalation" as const,
      key: `escalation:${h.id}:${p.personId}:${p.state}:${p.since ? isoDay(p.since) : "-"}`,
      to: h,
      content: escalationMessage({
        personName: p.name,
        personId: p.personId,
        state: stateLabel[p.state],
        reasons: (JSON.parse(p.reasons) as string[]).slice(0, 5),
      }),
    })),
  );
  return send(messages, now, settings);
}

export type ScheduleResult = { reminders: Tally; digests: Tally; escalations: Tally };

/** Everything time causes at `now`. */
export async function queueScheduled(now: Date): Promise<ScheduleResult> {
  const settings = await orgSettings();
  return {
    reminders: await queueDueReminders(now, settings),
    digests: await queueManagerDigests(now, settings),
    escalations: await queueEscalations(now, settings),
  };
}
