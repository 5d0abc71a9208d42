import type { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { recordAudit } from "../audit/audit";
import { getCourse } from "../content/catalog";
import { prisma } from "../db";
import { notify } from "../notifications/notify";
import { feedbackReplyMessage } from "../notifications/templates";
import { feedbackCourseFor } from "./owners";
import type { FeedbackAnswer, FeedbackStatus } from "./rules";

type Answerer = { id: string; name: string; email: string; role: Role };

export type AnswerOutcome = { kind: "not-found" } | { kind: "unchanged" } | { kind: "saved"; status: FeedbackStatus };

/**
 * The course owner or HR sets a comment's status and reply, audited in the same transaction. Anyone else, or a
 * comment on another course, is not found. The audit event names the comment, never its author.
 */
export async function answerFeedback(
  actor: Answerer,
  courseSlug: string,
  input: FeedbackAnswer,
  ctx: { ip: string | null },
  now = new Date(),
): Promise<AnswerOutcome> {
  if (!feedbackCourseFor(actor, courseSlug)) return { kind: "not-found" };
  return prisma.$transaction(async (tx) => {
    const row = await tx.lessonFeedback.findFirst({
      where: { id: input.feedbackId, courseSlug, comment: { not: null } },
      select: {
        id: true,
        lessonSlug: true,
        status: true,
        reply: true,
        anonymous: true,
        person: { select: { id: true, name: true, email: true, deactivatedAt: true } },
      },
    });
    if (!row) return { kind: "not-found" } as const;
    const reply = input.reply ?? null;
    const replyChanged = reply !== row.reply;
    if (!replyChanged && input.status === row.status) return { kind: "unchanged" } as const;
    const replier =
      reply === null ? { repliedAt: null, repliedById: null, repliedByName: null } : { repliedAt: now, repliedById: actor.id, repliedByName: actor.name };
    await tx.lessonFeedback.update({ where: { id: row.id }, data: { status: input.status, reply, ...(replyChanged ? replier : {}) } });
    await recordAudit(
      {
        action: "feedback.answered",
        actor,
        target: `${courseSlug}/${row.lessonSlug}`,
        ip: ctx.ip,
        details: { feedbackId: row.id, from: row.status, to: input.status, ...(replyChanged ? { reply } : {}) },
      },
      tx,
    );
    await tellAuthor(tx, { ...row, courseSlug, reply, status: input.status, changed: replyChanged || input.status !== row.status }, actor, now);
    return { kind: "saved", status: input.status } as const;
  });
}

/**
 * The author hears about a reply once it is one they can read (a named comment answered "changed" or "declined",
 * shown on My learning), once per status: correcting the reply's wording does not send it again. Anonymous
 * comments have no author to tell (their replies show on the course page), and nobody is told their own reply.
 */
async function tellAuthor(
  tx: Prisma.TransactionClient,
  row: {
    id: string;
    courseSlug: string;
    anonymous: boolean;
    person: { id: string; name: string; email: string; deactivatedAt: Date | null } | null;
    reply: string | null;
    status: FeedbackStatus;
    changed: boolean;
  },
  actor: Answerer,
  now: Date,
) {
  const author = row.person;
  if (!row.changed || row.anonymous || !author || author.deactivatedAt || author.id === actor.id || !row.reply || !VISIBLE.includes(row.status)) return;
  const content = feedbackReplyMessage({
    courseTitle: getCourse(row.courseSlug)?.title ?? row.courseSlug,
    replierName: actor.name,
    reply: row.reply,
    coursePath: `/learn/${row.courseSlug}`,
  });
  await notify(
    tx,
    [{ kind: "feedback_reply", key: `feedback_reply:${row.id}:${row.status}`, to: { id: author.id, name: author.name, email: author.email }, content }],
    now,
  );
}

/** Statuses whose reply the author reads on My learning (repliesFor). */
const VISIBLE: FeedbackStatus[] = ["CHANGED", "DECLINED"];

const ANSWERED = { reply: { not: null }, comment: { not: null } } as const;
const replySelect = { id: true, courseSlug: true, lessonSlug: true, comment: true, status: true, reply: true, repliedAt: true, repliedByName: true } as const;

type ReplyRow = {
  id: string;
  courseSlug: string;
  lessonSlug: string;
  comment: string | null;
  status: FeedbackStatus;
  reply: string | null;
  repliedAt: Date | null;
  repliedByName: string | null;
};

function toReply(row: ReplyRow) {
  const course = getCourse(row.courseSlug);
  const lesson = course?.lessons.find((l) => l.slug === row.lessonSlug);
  return {
    id: row.id,
    courseSlug: row.courseSlug,
    courseTitle: course?.title ?? row.courseSlug,
    lessonTitle: lesson?.title ?? row.lessonSlug,
    comment: row.comment ?? "",
    status: row.status,
    reply: row.reply ?? "",
    repliedAt: row.repliedAt,
    repliedByName: row.repliedByName,
  };
}

export type FeedbackReply = ReturnType<typeof toReply>;

/** A learner's own named comments that were answered "changed" or "declined" with a reply, newest first. */
export async function repliesFor(personId: string, take = 20): Promise<FeedbackReply[]> {
  const rows = await prisma.lessonFeedback.findMany({
    where: { personId, anonymous: false, status: { in: VISIBLE }, ...ANSWERED },
    orderBy: { repliedAt: "desc" },
    select: replySelect,
    take,
  });
  return rows.map(toReply);
}

/** Anonymous comments on a course that have a reply: shown on the course page to everyone who has started it. */
export async function anonymousRepliesFor(courseSlug: string, take = 20): Promise<FeedbackReply[]> {
  const rows = await prisma.lessonFeedback.findMany({
    where: { courseSlug, anonymous: true, status: { not: "NEW" }, ...ANSWERED },
    orderBy: { repliedAt: "desc" },
    select: replySelect,
    take,
  });
  return rows.map(toReply);
}
