/**
 * Practice tasks: a learner marks one ready for observation, their manager (anyone above them) or HR signs it
 * off — which completes the lesson — or returns it with coaching notes. Nobody reviews their own task.
 * Every submission and review is a row of its own and an audit event: history is never overwritten.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { publishEvents } from "../integrations/events";
import { recordAudit } from "../audit/audit";
import { findLesson, getCourse } from "../content/catalog";
import type { CatalogCourse, CatalogLesson } from "../content/schema";
import { prisma } from "../db";
import { notify } from "../notifications/notify";
import { practiceReviewedMessage, practiceSubmittedMessage } from "../notifications/templates";
import { completeLesson, startLesson } from "../progress/progress";
import { readinessChanged } from "../readiness/upkeep";
import { teamIds } from "../readiness/load";
import { PracticeReviewSchema, readCriteria } from "./schema";
import { STALE_SIGNOFF_DAYS } from "./standing";

type Actor = { id: string; name: string; email: string; role: Role };
type Tx = Prisma.TransactionClient;

const historyColumns = {
  id: true,
  status: true,
  note: true,
  link: true,
  submittedAt: true,
  reviewedAt: true,
  reviewerName: true,
  criteriaMet: true,
  comment: true,
} as const;

const criteriaOf = (json: string | null): number[] => {
  try {
    const parsed: unknown = json ? JSON.parse(json) : [];
    return Array.isArray(parsed) ? parsed.filter((n): n is number => Number.isInteger(n)) : [];
  } catch {
    return [];
  }
};

async function history(personId: string, courseSlug: string, lessonSlug: string) {
  const rows = await prisma.practiceSubmission.findMany({
    where: { personId, courseSlug, lessonSlug },
    select: historyColumns,
    orderBy: { submittedAt: "desc" },
  });
  return rows.map((r) => ({ ...r, criteriaMet: criteriaOf(r.criteriaMet) }));
}

/**
 * A sign-off is final while the lesson it completed stays complete: a lesson re-opened (a material change, a
 * renewal; progress/reopen.ts) is observed again.
 */
async function signOffStands(db: Tx, where: { personId: string; courseSlug: string; lessonSlug: string }) {
  const progress = await db.lessonProgress.findUnique({ where: { personId_courseSlug_lessonSlug: where }, select: { status: true } });
  return progress?.status === "COMPLETED";
}

/** The learner's side of a practice lesson: the task, every submission newest first, and whether they may submit. */
export async function lessonPractice(personId: string, course: CatalogCourse, lesson: CatalogLesson) {
  if (!lesson.practice) return null;
  const where = { personId, courseSlug: course.slug, lessonSlug: lesson.slug };
  const [submissions, stands] = await Promise.all([history(personId, course.slug, lesson.slug), signOffStands(prisma, where)]);
  const latest = submissions[0];
  return { task: lesson.practice, submissions, canSubmit: !latest || latest.status === "RETURNED" || (latest.status === "SIGNED_OFF" && !stands) };
}
export type LessonPractice = NonNullable<Awaited<ReturnType<typeof lessonPractice>>>;

export type SubmitPracticeOutcome = { kind: "submitted" | "already-waiting" | "already-signed-off" | "no-task" };

/** Mark a task ready for observation. One waiting submission at a time; none after a sign-off that still stands. */
export async function submitPractice(
  input: { personId: string; personEmail: string; course: CatalogCourse; lesson: CatalogLesson; note: string; link: string },
  now = new Date(),
): Promise<SubmitPracticeOutcome> {
  const { course, lesson } = input;
  if (!lesson.practice || lesson.completion !== "signoff") return { kind: "no-task" };
  const where = { personId: input.personId, courseSlug: course.slug, lessonSlug: lesson.slug };
  return prisma.$transaction(async (tx) => {
    const latest = await tx.practiceSubmission.findFirst({ where, orderBy: { submittedAt: "desc" }, select: { status: true } });
    if (latest?.status === "WAITING") return { kind: "already-waiting" as const };
    if (latest?.status === "SIGNED_OFF" && (await signOffStands(tx, where))) return { kind: "already-signed-off" as const };
    const link = lesson.practice!.evidence === "note-and-link" && input.link ? input.link : null;
    const note = lesson.practice!.evidence === "none" ? "" : input.note;
    const submission = await tx.practiceSubmission.create({ data: { ...where, status: "WAITING", note, link, submittedAt: now }, select: { id: true } });
    await startLesson({ ...where, courseVersion: course.version }, tx);
    await readinessChanged(tx, [input.personId], `Practice submitted: ${lesson.practice!.title}`, now);
    await recordAudit(
      {
        action: "practice.submitted",
        actor: { id: input.personId, email: input.personEmail },
        target: `${course.slug}/${lesson.slug}`,
        details: { task: lesson.practice!.title },
      },
      tx,
    );
    await tellManager(tx, input.personId, lesson.practice!.title, submission.id, now);
    return { kind: "submitted" as const };
  });
}

/** The learner's manager hears that a task waits for them; with no (active) manager, HR's sign-off queue shows it. */
async function tellManager(tx: Tx, personId: string, taskTitle: string, submissionId: string, now: Date) {
  const learner = await tx.person.findUniqueOrThrow({
    where: { id: personId },
    select: { name: true, manager: { select: { id: true, name: true, email: true, deactivatedAt: true } } },
  });
  const manager = learner.manager;
  if (!manager || manager.deactivatedAt) return;
  await notify(
    tx,
    [
      {
        kind: "practice_submitted",
        key: `practice_submitted:${submissionId}`,
        to: { id: manager.id, name: manager.name, email: manager.email },
        content: practiceSubmittedMessage({ learnerName: learner.name, taskTitle, submissionId }),
      },
    ],
    now,
  );
}

/** May this person review that person's practice? HR: anyone else. Managers: people below them. */
async function mayReview(actor: Actor, personId: string, tx: Parameters<typeof teamIds>[2]) {
  if (actor.id === personId) return false;
  if (actor.role === "HR") return true;
  return actor.role === "MANAGER" && (await teamIds(actor.id, true, tx)).includes(personId);
}

/** One waiting or past submission as its reviewer sees it, with the task and the person's earlier tries. */
export async function practiceReview(actor: Actor, submissionId: string) {
  const row = await prisma.practiceSubmission.findUnique({
    where: { id: submissionId },
    select: {
      ...historyColumns,
      courseSlug: true,
      lessonSlug: true,
      person: { select: { id: true, name: true, email: true, department: true, manager: { select: { name: true } } } },
    },
  });
  if (!row || !(await mayReview(actor, row.person.id, undefined))) return null;
  const found = findLesson(row.courseSlug, row.lessonSlug);
  if (!found?.lesson.practice) return null;
  return {
    submission: { ...row, criteriaMet: criteriaOf(row.criteriaMet) },
    person: { ...row.person, managerName: row.person.manager?.name ?? null },
    course: { slug: found.course.slug, title: found.course.title },
    lesson: { slug: found.lesson.slug, title: found.lesson.title },
    task: found.lesson.practice,
    earlier: (await history(row.person.id, row.courseSlug, row.lessonSlug)).filter((s) => s.id !== row.id),
  };
}

export type ReviewOutcome =
  { kind: "signed-off" | "returned" | "already-reviewed" } | { kind: "invalid"; fieldErrors: Record<string, string> } | { kind: "not-found" };

/**
 * Sign off (completing the lesson in the same transaction) or return with notes. The permission check and
 * "still waiting" run inside the transaction: a second click or a second reviewer finds it already reviewed.
 */
export async function reviewPractice(actor: Actor, submissionId: string, form: FormData, now = new Date()): Promise<ReviewOutcome> {
  const parsed = PracticeReviewSchema.safeParse(Object.fromEntries(form));
  return prisma.$transaction(async (tx) => {
    const row = await tx.practiceSubmission.findUnique({
      where: { id: submissionId },
      select: {
        id: true,
        personId: true,
        courseSlug: true,
        lessonSlug: true,
        status: true,
        person: { select: { email: true, name: true, deactivatedAt: true } },
      },
    });
    if (!row || !(await mayReview(actor, row.personId, tx))) return { kind: "not-found" as const };
    const course = getCourse(row.courseSlug);
    const task = course?.lessons.find((l) => l.slug === row.lessonSlug)?.practice;
    if (!course || !task) return { kind: "not-found" as const };
    if (row.status !== "WAITING") return { kind: "already-reviewed" as const };
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
      return { kind: "invalid" as const, fieldErrors };
    }
    const criteria = readCriteria(form, task.criteria.length);
    if (criteria === null) return { kind: "invalid" as const, fieldErrors: { criteria: "Tick only the criteria listed." } };
    const signOff = parsed.data.decision === "sign-off";
    const written = await tx.practiceSubmission.updateMany({
      where: { id: row.id, status: "WAITING" },
      data: {
        status: signOff ? "SIGNED_OFF" : "RETURNED",
        reviewedAt: now,
        reviewerId: actor.id,
        reviewerName: actor.name,
        criteriaMet: JSON.stringify(criteria),
        comment: parsed.data.comment || null,
      },
    });
    if (written.count === 0) return { kind: "already-reviewed" as const };
    if (signOff) {
      await publishEvents(
        tx,
        [{ type: "practice.signed_off", personId: row.personId, submissionId: row.id, courseSlug: row.courseSlug, lessonSlug: row.lessonSlug }],
        now,
      );
      await completeLesson({ personId: row.personId, courseSlug: row.courseSlug, lessonSlug: row.lessonSlug, courseVersion: course.version }, tx);
    }
    await readinessChanged(tx, [row.personId], `${task.title} ${signOff ? "signed off" : "returned with notes"} by ${actor.name}`, now);
    await recordAudit(
      {
        action: signOff ? "practice.signed-off" : "practice.returned",
        actor,
        target: row.person.email,
        details: { course: row.courseSlug, lesson: row.lessonSlug, task: task.title, criteriaMet: criteria, comment: parsed.data.comment },
      },
      tx,
    );
    if (!row.person.deactivatedAt) {
      const content = practiceReviewedMessage({
        reviewerName: actor.name,
        taskTitle: task.title,
        signedOff: signOff,
        note: parsed.data.comment || null,
        lessonPath: `/learn/${row.courseSlug}/${row.lessonSlug}`,
      });
      await notify(
        tx,
        [{ kind: "practice_reviewed", key: `practice_reviewed:${row.id}`, to: { id: row.personId, name: row.person.name, email: row.person.email }, content }],
        now,
      );
    }
    return { kind: signOff ? ("signed-off" as const) : ("returned" as const) };
  });
}

const queueColumns = {
  id: true,
  courseSlug: true,
  lessonSlug: true,
  note: true,
  link: true,
  submittedAt: true,
  person: { select: { id: true, name: true, department: true, manager: { select: { name: true } } } },
} as const;

/**
 * Waiting submissions a person can act on, oldest first: a manager's team (directly or below); for HR, people
 * with no manager (nobody else would see them) — or everyone, with `all`.
 */
/** Which waiting submissions a person can act on, as a query: never their own; null when none at all. */
async function queueWhere(actor: Actor, options: { all?: boolean }): Promise<Prisma.PracticeSubmissionWhereInput | null> {
  const base = { status: "WAITING", personId: { not: actor.id } } satisfies Prisma.PracticeSubmissionWhereInput;
  if (actor.role === "MANAGER") return { ...base, personId: { in: await teamIds(actor.id, true), not: actor.id } };
  if (actor.role === "HR") return options.all ? base : { ...base, person: { managerId: null } };
  return null;
}

export async function signOffQueue(actor: Actor, options: { all?: boolean } = {}) {
  const where = await queueWhere(actor, options);
  if (!where) return [];
  const rows = await prisma.practiceSubmission.findMany({ where, select: queueColumns, orderBy: { submittedAt: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    person: { id: r.person.id, name: r.person.name, department: r.person.department, managerName: r.person.manager?.name ?? null },
    courseTitle: getCourse(r.courseSlug)?.title ?? r.courseSlug,
    taskTitle: getCourse(r.courseSlug)?.lessons.find((l) => l.slug === r.lessonSlug)?.practice?.title ?? r.lessonSlug,
    note: r.note,
    link: r.link,
    submittedAt: r.submittedAt,
  }));
}
export type SignOffQueueItem = Awaited<ReturnType<typeof signOffQueue>>[number];

/** How many submissions wait for this person: the navigation shows it on every page, so it is one count, not the list. */
export async function signOffCount(actor: Actor): Promise<number> {
  const where = await queueWhere(actor, {});
  return where ? prisma.practiceSubmission.count({ where }) : 0;
}

const DAY = 24 * 60 * 60 * 1000;

/** Sign-offs waiting longer than a week, by the manager who should act (HR for people without one): the bottleneck. */
export async function staleSignOffs(now = new Date()) {
  const rows = await prisma.practiceSubmission.findMany({
    where: { status: "WAITING", submittedAt: { lt: new Date(now.getTime() - STALE_SIGNOFF_DAYS * DAY) }, person: { deactivatedAt: null } },
    select: { submittedAt: true, person: { select: { manager: { select: { name: true } } } } },
  });
  const byManager = new Map<string, { manager: string; waiting: number; oldest: Date }>();
  for (const r of rows) {
    const manager = r.person.manager?.name ?? "No manager (HR)";
    const entry = byManager.get(manager) ?? { manager, waiting: 0, oldest: r.submittedAt };
    entry.waiting += 1;
    if (r.submittedAt < entry.oldest) entry.oldest = r.submittedAt;
    byManager.set(manager, entry);
  }
  return [...byManager.values()].sort((a, b) => b.waiting - a.waiting || a.oldest.getTime() - b.oldest.getTime());
}
