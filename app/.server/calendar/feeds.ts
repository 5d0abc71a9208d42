/**
 * The due-date feeds: a learner's own open courses that have a due date, and a manager's direct reports' ones.
 * They read the stored readiness (freshened first), so a feed says what the readiness pages say. `calendarResponse`
 * is the HTTP form the feed routes answer with.
 */
import type { Role } from "~/generated/prisma/enums";
import { prisma } from "../db";
import { parseCourse } from "../readiness/csv-stream";
import type { AssignedCourse } from "../readiness/rules";
import { freshenReadiness } from "../readiness/upkeep";
import { buildCalendar, type DueEvent } from "./ical";

export type FeedOwner = { id: string; role: Role };

const TEAM_ROLES: readonly Role[] = ["MANAGER", "HR"];

type DueCourse = { personId: string; course: AssignedCourse; dueDate: Date };

/** Courses still open with a due date, earliest first: a completed or waived course has nothing left to be due. */
async function openDueCourses(personIds: string[], now: Date): Promise<DueCourse[]> {
  if (personIds.length === 0) return [];
  await freshenReadiness(now, personIds);
  const rows = await prisma.readinessCourse.findMany({ where: { personId: { in: personIds } }, select: { personId: true, data: true } });
  return rows
    .flatMap((r) => {
      const course = parseCourse(r.data);
      return course.dueDate && !course.completed && !course.waived ? [{ personId: r.personId, course, dueDate: course.dueDate }] : [];
    })
    .sort(
      (a, b) => a.dueDate.getTime() - b.dueDate.getTime() || a.personId.localeCompare(b.personId) || a.course.courseSlug.localeCompare(b.course.courseSlug),
    );
}

function dueEvent({ personId, course, dueDate }: DueCourse, summary: string, url: string): DueEvent {
  return {
    uid: `${personId}-${course.courseSlug}@baton`,
    summary,
    description: `${course.curriculumName} · ${course.lessonsDone} of ${course.lessonsTotal} lessons done\n${url}`,
    url,
    day: dueDate,
  };
}

/** The person's own due dates; links go to the course. */
export async function learnerFeed(person: FeedOwner, origin: string, now: Date): Promise<string> {
  const due = await openDueCourses([person.id], now);
  const events = due.map((d) => dueEvent(d, `Due: ${d.course.courseTitle}`, `${origin}/learn/${d.course.courseSlug}`));
  return buildCalendar({ name: "Baton: my due dates", description: "Due dates of the courses assigned to you in Baton", events }, now);
}

/** Active direct reports of a manager (or HR person with a team); nobody for other roles. */
async function feedReports(person: FeedOwner) {
  if (!TEAM_ROLES.includes(person.role)) return [];
  return prisma.person.findMany({ where: { managerId: person.id, deactivatedAt: null }, select: { id: true, name: true } });
}

/** Whether the person gets a team feed besides their own. */
export async function hasTeamFeed(person: FeedOwner): Promise<boolean> {
  return (await feedReports(person)).length > 0;
}

/** The direct reports' due dates, or null when the person has no team feed; links go to the person's team page. */
export async function teamFeed(manager: FeedOwner, origin: string, now: Date): Promise<string | null> {
  const reports = await feedReports(manager);
  if (reports.length === 0) return null;
  const names = new Map(reports.map((r) => [r.id, r.name]));
  const due = await openDueCourses([...names.keys()], now);
  const events = due.map((d) => dueEvent(d, `${names.get(d.personId)}: ${d.course.courseTitle} due`, `${origin}/team/${d.personId}`));
  return buildCalendar({ name: "Baton: my team's due dates", description: "Due dates of your direct reports' courses in Baton", events }, now);
}

const UNKNOWN_LINK = "This calendar link does not work: it was turned off or replaced by a newer one. Make a new link on your account page in Baton.";

/** A feed as subscribed calendar apps fetch it, or a plain 404 saying why there is none. */
export function calendarResponse(ics: string | null, missing = UNKNOWN_LINK): Response {
  if (ics === null)
    return new Response(missing, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      // The URL is a secret: no shared cache may keep the answer.
      "Cache-Control": "private, no-store",
      "Content-Disposition": 'inline; filename="baton.ics"',
    },
  });
}
