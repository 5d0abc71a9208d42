/**
 * Things other systems hear about (webhooks, xAPI statements to a learning record store), published in the
 * transaction of the change that caused them: each becomes outbox messages, delivered after commit (docs/decisions/011).
 */
import { createHash } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { chunks } from "../chunks";
import { getCourse } from "../content/catalog";
import { publicOrigin } from "../notifications/notify";
import { enqueue, type OutboxRow } from "../outbox/enqueue";
import { pokeOutbox } from "../outbox/poke";
import { statementFor, type Titles } from "../xapi/statements";

type Tx = Prisma.TransactionClient;

/**
 * `eventId` (optional) names the cause when the publisher knows a stable one; otherwise it is derived from the
 * event and `now` (see eventIdOf), so a retried transaction with the same clock publishes nothing twice.
 */
export type IntegrationEvent = (
  | { type: "person.created"; personId: string }
  | { type: "person.deactivated"; personId: string }
  | { type: "person.reactivated"; personId: string }
  | { type: "readiness.changed"; personId: string; from: string | null; to: string; cause: string }
  | { type: "curriculum.assigned"; personId: string; curriculumId: string }
  | { type: "course.completed"; personId: string; courseSlug: string }
  | { type: "lesson.completed"; personId: string; courseSlug: string; lessonSlug: string }
  | { type: "quiz.graded"; personId: string; courseSlug: string; lessonSlug: string; attemptId: string; score: number; passed: boolean }
  | { type: "practice.signed_off"; personId: string; submissionId: string; courseSlug: string; lessonSlug: string }
  | { type: "practice.waived"; personId: string; courseSlug: string; lessonSlug: string }
  | { type: "course.waived"; personId: string; courseSlug: string; reason: string }
  | ({ type: "certificate.issued" } & CertificateFields)
  | ({ type: "certificate.revoked" } & CertificateFields & { revokedAt: string; reason: string })
) & { eventId?: string };

/** What certificate events carry (dates as ISO 8601; validUntil null: valid without end). */
type CertificateFields = {
  personId: string;
  certificateId: string;
  code: string;
  curriculumId: string;
  curriculumName: string;
  issuedAt: string;
  validUntil: string | null;
};

export type EventType = IntegrationEvent["type"];

/** The event types a webhook endpoint can subscribe to, with what HR sees. */
export const EVENT_TYPES: Record<EventType, string> = {
  "person.created": "A person was added",
  "person.deactivated": "A person was deactivated",
  "person.reactivated": "A person was reactivated",
  "readiness.changed": "A person's readiness changed",
  "curriculum.assigned": "A curriculum was assigned to a person",
  "course.completed": "A person completed a course",
  "lesson.completed": "A person completed a lesson",
  "quiz.graded": "A quiz attempt was graded (passed or failed, with the score)",
  "practice.signed_off": "A practice task was signed off",
  "practice.waived": "A practice task was waived",
  "course.waived": "A required course was waived for a person",
  "certificate.issued": "A certificate was issued (a curriculum completed or renewed)",
  "certificate.revoked": "A certificate was revoked",
};
export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_TYPES, value);

// These happen once per thing they name; the rest may happen again later for the same person and course.
const onceKey: Partial<Record<EventType, (e: IntegrationEvent) => string>> = {
  "person.created": (e) => e.personId,
  "quiz.graded": (e) => (e.type === "quiz.graded" ? e.attemptId : ""),
  "practice.signed_off": (e) => (e.type === "practice.signed_off" ? e.submissionId : ""),
};

/** An event id from a text naming the cause: "evt_" and 32 hex characters. */
export const eventIdFrom = (cause: string) => `evt_${createHash("sha256").update(cause).digest("hex").slice(0, 32)}`;

/** A stable id for the event's cause: the publisher's, else derived from what it names (and `now`, for repeatable events). */
export function eventIdOf(event: IntegrationEvent, now: Date): string {
  if (event.eventId) return event.eventId;
  const { eventId: _none, ...fields } = event;
  const once = onceKey[event.type];
  return eventIdFrom(once ? `${event.type}:${once(event)}` : `${JSON.stringify(fields, Object.keys(fields).sort())}@${now.toISOString()}`);
}

/** What a webhook message carries until delivery: the Standard Webhooks message id and the JSON body. */
export type WebhookPayload = { webhookId: string; body: { type: string; timestamp: string; data: Record<string, unknown> } };

type Endpoint = { id: string; events: Set<string> };

async function webhookTargets(tx: Tx): Promise<Endpoint[]> {
  const rows = await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, events: true } });
  return rows.map((r) => ({ id: r.id, events: new Set(JSON.parse(r.events) as string[]) }));
}

const safeTitles: Titles = {
  course: (slug) => {
    try {
      return getCourse(slug)?.title ?? slug;
    } catch {
      return slug;
    }
  },
  lesson: (courseSlug, lessonSlug) => {
    try {
      return getCourse(courseSlug)?.lessons.find((l) => l.slug === lessonSlug)?.title ?? lessonSlug;
    } catch {
      return lessonSlug;
    }
  },
};

/** Who the events are about, for the webhook body (one query per 500 people). */
async function peopleOf(tx: Tx, ids: string[]) {
  const people = new Map<string, { id: string; email: string; name: string; employeeId: string | null; department: string | null; active: boolean }>();
  for (const batch of chunks([...new Set(ids)], 500)) {
    const rows = await tx.person.findMany({
      where: { id: { in: batch } },
      select: { id: true, email: true, name: true, employeeId: true, department: true, deactivatedAt: true },
    });
    for (const { deactivatedAt, ...r } of rows) people.set(r.id, { ...r, active: deactivatedAt === null });
  }
  return people;
}

async function curriculumNames(tx: Tx, events: IntegrationEvent[]) {
  const ids = [...new Set(events.flatMap((e) => (e.type === "curriculum.assigned" ? [e.curriculumId] : [])))];
  const names = new Map<string, string>();
  for (const batch of chunks(ids, 500)) {
    for (const c of await tx.curriculum.findMany({ where: { id: { in: batch } }, select: { id: true, name: true } })) names.set(c.id, c.name);
  }
  return names;
}

/** The webhook body's `data`: the event's fields, the person it is about, and names for slugs and ids. */
function webhookData(
  event: IntegrationEvent,
  eventId: string,
  people: Awaited<ReturnType<typeof peopleOf>>,
  curricula: Map<string, string>,
): Record<string, unknown> {
  const { eventId: _none, type: _type, ...fields } = event;
  const data: Record<string, unknown> = { id: eventId, ...fields, person: people.get(event.personId) ?? null };
  if ("courseSlug" in event) data.courseTitle = safeTitles.course(event.courseSlug);
  if ("lessonSlug" in event) data.lessonTitle = safeTitles.lesson(event.courseSlug, event.lessonSlug);
  if (event.type === "curriculum.assigned") data.curriculumName = curricula.get(event.curriculumId) ?? null;
  return data;
}

/**
 * Queue what these events mean for webhooks and the LRS, inside the caller's transaction: one webhook message per
 * event and enabled endpoint subscribed to its type, one statement per event that has one when an LRS is set up.
 * With nothing set up this is two small reads. Bulk callers pass all their events at once.
 */
export async function publishEvents(tx: Tx, events: IntegrationEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  const endpoints = await webhookTargets(tx);
  const lrs = await tx.orgSettings.findUnique({ where: { id: 1 }, select: { lrsEndpoint: true } });
  const wanted = endpoints.length > 0 ? events.filter((e) => endpoints.some((ep) => ep.events.has(e.type))) : [];
  const toLrs = Boolean(lrs?.lrsEndpoint);
  if (wanted.length === 0 && !toLrs) return;

  const origin = publicOrigin();
  const rows: OutboxRow<unknown>[] = [];
  // One after the other: a transaction runs one statement at a time.
  const people = await peopleOf(
    tx,
    wanted.map((e) => e.personId),
  );
  const curricula = await curriculumNames(tx, wanted);
  for (const event of events) {
    const eventId = eventIdOf(event, now);
    const subscribed = endpoints.filter((ep) => ep.events.has(event.type));
    if (subscribed.length > 0) {
      const payload: WebhookPayload = {
        webhookId: `msg_${eventId.slice(4)}`,
        body: { type: event.type, timestamp: now.toISOString(), data: webhookData(event, eventId, people, curricula) },
      };
      for (const ep of subscribed)
        rows.push({
          channel: "webhook",
          kind: event.type,
          idempotencyKey: `webhook:${ep.id}:${eventId}`,
          personId: event.personId,
          recipient: ep.id,
          subject: event.type,
          payload,
          availableAt: now,
        });
    }
    const statement = toLrs ? statementFor(event, eventId, now, origin, safeTitles) : null;
    if (statement)
      rows.push({
        channel: "xapi",
        kind: `xapi:${event.type}`,
        idempotencyKey: `xapi:${eventId}`,
        personId: event.personId,
        recipient: "lrs",
        subject: `${statement.verb.display["en-US"]} ${statement.object.definition.name["en-US"]}`,
        payload: statement,
        availableAt: now,
      });
  }
  if (rows.length === 0) return;
  await enqueue(tx, rows, now);
  pokeOutbox();
}
