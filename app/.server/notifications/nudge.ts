/**
 * A manager's "Remind" on a team member (HR may remind anyone active): one message listing what is overdue and
 * what is due, at most once per person per local day — whoever presses — and an audit event.
 */
import { z } from "zod";
import type { Role } from "~/generated/prisma/enums";
import { recordAudit } from "../audit/audit";
import { prisma } from "../db";
import { parseCourse } from "../readiness/csv-stream";
import { isInTeam } from "../readiness/hr-report";
import { formatDay, type AssignedCourse } from "../readiness/rules";
import { emptyToUndefined } from "../forms/parse";
import { freshenReadiness } from "../readiness/upkeep";
import { localDay } from "./local-time";
import { notify } from "./notify";
import { orgSettings } from "./settings";
import { managerNudgeMessage } from "./templates";

export type Reminder = { id: string; name: string; email: string; role: Role };
export type RemindOutcome = { kind: "sent" | "already-reminded" | "inactive"; name: string } | { kind: "not-in-team" };

export const NOTE_MAX = 500;

/** The Remind form: an optional short note that goes with the reminder. */
export const RemindFormSchema = z.object({
  note: z.preprocess(emptyToUndefined, z.string().trim().max(NOTE_MAX, `Keep the note to ${NOTE_MAX} characters or fewer.`).optional()),
});

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const MAX_ITEMS = 10;

/** What is still open for the person, overdue first, then by due day; courses without one last. */
function openCourses(courses: AssignedCourse[], today: Date): { text: string; detail: string }[] {
  const open = courses.filter((c) => !c.completed && !c.waived);
  const order = (c: AssignedCourse) => (c.dueDate ? c.dueDate.getTime() : Number.MAX_SAFE_INTEGER);
  return open
    .sort((a, b) => order(a) - order(b) || a.courseTitle.localeCompare(b.courseTitle))
    .slice(0, MAX_ITEMS)
    .map((c) => {
      const progress = `${c.lessonsDone} of ${c.lessonsTotal} lessons done`;
      if (!c.dueDate) return { text: c.courseTitle, detail: progress };
      return { text: c.courseTitle, detail: `${c.dueDate < today ? "overdue since" : "due"} ${formatDay(c.dueDate)} — ${progress}` };
    });
}

export async function remindPerson(manager: Reminder, personId: string, note: string | null, now: Date): Promise<RemindOutcome> {
  const person = await prisma.person.findUnique({
    where: { id: personId },
    select: { id: true, name: true, email: true, managerId: true, deactivatedAt: true },
  });
  // A direct report who has left is still "theirs" (inactive); anyone else outside the team does not exist for them.
  const allowed = person && person.id !== manager.id && (manager.role === "HR" || person.managerId === manager.id || (await isInTeam(manager.id, person.id)));
  if (!person || !allowed) return { kind: "not-in-team" };
  if (person.deactivatedAt) return { kind: "inactive", name: person.name };

  const settings = await orgSettings();
  const today = localDay(now, settings.timeZone);
  const key = `manager_nudge:${person.id}:${isoDay(today)}`;
  await freshenReadiness(now, [person.id]);
  return prisma.$transaction(async (tx) => {
    // The day's key marks the reminder wherever it landed. (Someone who turned reminders off on every channel
    // receives nothing, so nothing marks their day: pressing again stays harmless.)
    const [inApp, byEmail] = await Promise.all([
      tx.notification.count({ where: { key } }),
      tx.outboxMessage.count({ where: { idempotencyKey: `email:${key}` } }),
    ]);
    if (inApp + byEmail > 0) return { kind: "already-reminded" as const, name: person.name };
    const rows = await tx.readinessCourse.findMany({ where: { personId: person.id }, select: { data: true } });
    const items = openCourses(
      rows.map((r) => parseCourse(r.data)),
      today,
    );
    const content = managerNudgeMessage({ managerName: manager.name, note, items });
    await notify(tx, [{ kind: "manager_nudge", key, to: { id: person.id, name: person.name, email: person.email }, content }], now, settings);
    await recordAudit({ action: "person.reminded", actor: manager, target: person.email, details: { day: isoDay(today), note, courses: items.length } }, tx);
    return { kind: "sent" as const, name: person.name };
  });
}
