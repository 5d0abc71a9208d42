/**
 * HR's audit log: who did what, to whom, when — filtered, a page at a time, and as a CSV of every matching row.
 * People are found by id (e-mails change); the stored target text is what is left when the person is gone.
 */
import { z } from "zod";
import type { AuditEvent, Prisma } from "~/generated/prisma/client";
import { csvHeader, csvRows, csvDownload } from "../csv";
import { prisma } from "../db";
import { emptyToUndefined } from "../forms/parse";
import { localParts } from "../notifications/local-time";
import { orgSettings } from "../notifications/settings";
import { yieldToOthers } from "../pace";
import { looksLikeEmail } from "./audit";

export const AUDIT_PAGE_SIZE = 50;
const CSV_BATCH = 500;
const DAY_MS = 86_400_000;

/** Known actions in plain words; anything else is shown as stored. */
const ACTION_LABELS: Record<string, string> = {
  sign_in: "Signed in",
  "sign_in.failed": "Sign-in failed",
  "sign_in.throttled": "Sign-in blocked (too many tries)",
  sign_out: "Signed out",
  "password.changed": "Changed password",
  "password.change_failed": "Password change failed",
  "password.reset.requested": "Asked for a password reset",
  "password.reset": "Reset password",
  "invitation.created": "Invited",
  "invitation.redeemed": "Accepted invitation",
  "person.created": "Added a person",
  "person.updated": "Changed a person's details",
  "person.deactivated": "Deactivated a person",
  "person.reactivated": "Reactivated a person",
  "person.sessions_ended": "Signed a person out everywhere",
  "person.reminded": "Reminded by their manager",
  "people.imported": "Imported people",
  "import_mapping.saved": "Saved an import column mapping",
  "curriculum.created": "Created a curriculum",
  "curriculum.updated": "Changed a curriculum",
  "curriculum.archived": "Archived a curriculum",
  "curriculum.restored": "Restored a curriculum",
  "curriculum.assigned": "Assigned a curriculum",
  "curriculum.unassigned": "Unassigned a curriculum",
  "curriculum.rule_added": "Added an assignment rule",
  "curriculum.rule_ended": "Ended an assignment rule",
  "override.extra-attempts": "Granted more quiz attempts",
  "override.due-date": "Extended a due date",
  "override.waiver": "Waived a course",
  "certificate.revoked": "Revoked a certificate",
  "course_version.applied": "Applied a course version",
  "practice.submitted": "Submitted a practice task",
  "practice.signed-off": "Signed off a practice task",
  "practice.returned": "Returned a practice task",
  "feedback.answered": "Answered feedback",
  "story.deleted": "Deleted a story",
  "story.hidden": "Hid a story",
  "story.unhidden": "Showed a hidden story",
  "story.highlighted": "Highlighted a story",
  "story.unhighlighted": "Removed a story's highlight",
  "notifications.unsubscribed": "Unsubscribed from e-mail",
  "notifications.preferences.saved": "Saved notification choices",
  "settings.notifications.updated": "Changed notification settings",
  "settings.audit.updated": "Changed how long the audit log is kept",
  "settings.branding.updated": "Changed the organisation's name or colour",
  "settings.branding.logo_uploaded": "Uploaded the organisation's logo",
  "settings.branding.logo_removed": "Removed the organisation's logo",
  "outbox.retried": "Retried an e-mail",
  "calendar.token.created": "Created a calendar link",
  "calendar.token.revoked": "Turned off a calendar link",
  "authorization.refused": "Refused access",
  "audit.purged": "Deleted old audit events",
  "sign_in.refused": "Sign-in refused (password sign-in is off)",
  "sso.sign_in.refused": "Single sign-on refused",
  "sso.linked": "Linked an identity-provider account",
  "sso.provider.created": "Added a sign-in provider",
  "sso.provider.updated": "Changed a sign-in provider",
  "sso.provider.deleted": "Removed a sign-in provider",
  "sso.domain.added": "Added a single sign-on domain",
  "sso.domain.removed": "Removed a single sign-on domain",
  "sso.password_off": "Turned password sign-in off for a domain",
  "sso.password_on": "Turned password sign-in back on for a domain",
  "sso.break_glass_on": "Made a break-glass account (password always allowed)",
  "sso.break_glass_off": "Ended a break-glass account",
  "api_token.created": "Created an API token",
  "api_token.revoked": "Revoked an API token",
  "api_token.used": "Used an API token",
  "api_token.refused": "Refused an API token",
  "integrations.webhook.created": "Added a webhook endpoint",
  "integrations.webhook.updated": "Changed a webhook endpoint",
  "integrations.webhook.enabled": "Turned a webhook endpoint on",
  "integrations.webhook.disabled": "Turned a webhook endpoint off",
  "integrations.webhook.secret_rotated": "Rotated a webhook secret",
  "integrations.webhook.deleted": "Removed a webhook endpoint",
  "integrations.webhook.tested": "Sent a test webhook",
  "integrations.xapi.updated": "Changed the learning record store",
  "integrations.xapi.removed": "Removed the learning record store",
  "integrations.xapi.tested": "Sent a test xAPI statement",
  "data.exported": "Exported all data",
};

const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not; Date would roll it into March). */
const isDay = (s: string) => {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00Z`) : NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
};
// Each field on its own: one unreadable value falls back to "no filter" without losing the others.
const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max).optional()).catch(undefined);
const optionalDay = z.preprocess(emptyToUndefined, z.string().trim().refine(isDay).optional()).catch(undefined);

/** The audit log's filters from a query string. Bad values mean "no filter"; a range given backwards is swapped. */
export const AuditFilterSchema = z
  .object({
    /** Who did it: a person's id or e-mail, or part of an e-mail. */
    actor: optionalText(254),
    action: z
      .preprocess(
        emptyToUndefined,
        z
          .string()
          .trim()
          .regex(/^[\w.:-]{1,64}$/)
          .optional(),
      )
      .catch(undefined),
    /** Who it was about: a person's id or e-mail, or text in the stored target. */
    subject: optionalText(254),
    /** Local calendar days (the organisation's time zone), both included. */
    from: optionalDay,
    to: optionalDay,
  })
  .transform((f) => (f.from && f.to && f.from > f.to ? { ...f, from: f.to, to: f.from } : f));

export type AuditFilter = z.output<typeof AuditFilterSchema>;

const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The page's query string: the filter and the page number, never an error. */
export function parseAuditQuery(params: URLSearchParams): { filter: AuditFilter; page: number } {
  const raw = Object.fromEntries(params);
  return { filter: AuditFilterSchema.parse(raw), page: PageSchema.parse(raw.page ?? 1) };
}

/** The filter as a query string (no page), for the CSV link and the page links. */
export function auditQueryString(filter: AuditFilter): string {
  const entries = Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string");
  return new URLSearchParams(entries).toString();
}

/** The moment a local calendar day starts in a time zone, found by correcting a UTC guess by the zone's offset. */
export function localMidnight(day: string, timeZone: string): Date {
  const wanted = Date.parse(`${day}T00:00:00Z`);
  let guess = wanted;
  // Twice is enough for any offset; a third pass settles a day that starts at a daylight-saving change.
  for (let i = 0; i < 3; i++) {
    const p = localParts(new Date(guess), timeZone);
    const seen = Date.parse(`${p.day}T${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}:00Z`);
    if (seen === wanted) break;
    guess -= seen - wanted;
  }
  return new Date(guess);
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

type PersonRef = { id: string; name: string; email: string };

/** A person named in a filter, by id or by their current e-mail. */
async function findPerson(text: string): Promise<PersonRef | null> {
  const select = { id: true, name: true, email: true } as const;
  if (looksLikeEmail(text)) return prisma.person.findUnique({ where: { email: text.toLowerCase() }, select });
  return prisma.person.findUnique({ where: { id: text }, select });
}

/** The filter as a query, and the people it named (to show "by Hana" rather than an id). */
async function resolveFilter(filter: AuditFilter, timeZone: string) {
  const and: Prisma.AuditEventWhereInput[] = [];
  const actor = filter.actor ? await findPerson(filter.actor) : null;
  // A person is found by id, so events from before an e-mail change are theirs too; other text is matched as stored.
  if (actor) and.push({ actorId: actor.id });
  else if (filter.actor) and.push(looksLikeEmail(filter.actor) ? { actorEmail: filter.actor.toLowerCase() } : { actorEmail: { contains: filter.actor } });
  const subject = filter.subject ? await findPerson(filter.subject) : null;
  if (subject) and.push({ subjectId: subject.id });
  else if (filter.subject) and.push(looksLikeEmail(filter.subject) ? { target: filter.subject.toLowerCase() } : { target: { contains: filter.subject } });
  if (filter.action) and.push({ action: filter.action });
  if (filter.from) and.push({ at: { gte: localMidnight(filter.from, timeZone) } });
  if (filter.to) and.push({ at: { lt: localMidnight(nextDay(filter.to), timeZone) } });
  return { where: { AND: and } satisfies Prisma.AuditEventWhereInput, actor, subject };
}

/** Details JSON as "key: value, …", cut short for a table cell. */
function shortDetails(details: string | null, max = 160): string {
  if (!details) return "";
  let text = details;
  try {
    const parsed: unknown = JSON.parse(details);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      text = Object.entries(parsed)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join(", ");
    }
  } catch {
    // Not JSON: shown as stored.
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Events with their actor and subject named, both joined by id in one query. */
async function describe(rows: AuditEvent[]) {
  const ids = new Set(rows.flatMap((r) => [r.actorId, r.subjectId]).filter((id): id is string => id !== null));
  const people = new Map(
    (await prisma.person.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, email: true } })).map((p) => [p.id, p]),
  );
  return rows.map((r) => {
    const actor = r.actorId ? people.get(r.actorId) : undefined;
    const subject = r.subjectId ? people.get(r.subjectId) : undefined;
    return {
      id: r.id,
      at: r.at,
      action: r.action,
      label: actionLabel(r.action),
      // The e-mail as it was when they acted; the name as it is now.
      actor: actor
        ? { id: actor.id, name: actor.name, email: r.actorEmail ?? actor.email }
        : r.actorEmail
          ? { id: null, name: null, email: r.actorEmail }
          : null,
      subject: subject ? { id: subject.id, name: subject.name, email: subject.email } : null,
      target: r.target,
      ip: r.ip,
      count: r.count,
      details: r.details,
    };
  });
}

/** The actions present in the log, in plain words, for the filter's list. */
async function actionOptions() {
  const groups = await prisma.auditEvent.groupBy({ by: ["action"] });
  return groups.map((g) => ({ value: g.action, label: actionLabel(g.action) })).sort((a, b) => a.label.localeCompare(b.label));
}

/** One page of the log under a filter, newest first, and what the filter form needs. */
export async function auditLogPage(filter: AuditFilter, page: number) {
  const { timeZone } = await orgSettings();
  const { where, actor, subject } = await resolveFilter(filter, timeZone);
  const [total, actions] = await Promise.all([prisma.auditEvent.count({ where }), actionOptions()]);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await prisma.auditEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (current - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  const events = (await describe(rows)).map(({ details, ...e }) => ({ ...e, details: shortDetails(details) }));
  return { filter, named: { actor, subject }, timeZone, total, page: current, pages, pageSize: AUDIT_PAGE_SIZE, events, actions };
}

const localTime = (at: Date, timeZone: string) => {
  const p = localParts(at, timeZone);
  return `${p.day} ${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
};

/** Every row the filter matches, as CSV text a batch at a time (newest first, by keyset: no OFFSET scans). */
async function* auditCsv(filter: AuditFilter): AsyncGenerator<string> {
  const { timeZone } = await orgSettings();
  const { where } = await resolveFilter(filter, timeZone);
  yield csvHeader([
    `When (${timeZone})`,
    "When (UTC)",
    "Who",
    "Who (e-mail)",
    "Action",
    "Action code",
    "About",
    "About (e-mail)",
    "Target as recorded",
    "IP address",
    "Times",
    "Details",
  ]);
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const page: Prisma.AuditEventWhereInput = after ? { AND: [where, { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] }] } : where;
    const rows = await prisma.auditEvent.findMany({ where: page, orderBy: [{ at: "desc" }, { id: "desc" }], take: CSV_BATCH });
    if (rows.length === 0) return;
    const events = await describe(rows);
    yield csvRows(
      events.map((e) => [
        localTime(e.at, timeZone),
        e.at.toISOString(),
        e.actor?.name ?? "",
        e.actor?.email ?? "",
        e.label,
        e.action,
        e.subject?.name ?? "",
        e.subject?.email ?? "",
        e.target ?? "",
        e.ip ?? "",
        e.count,
        e.details ?? "",
      ]),
    );
    if (rows.length < CSV_BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.at, id: last.id };
    await yieldToOthers();
  }
}

/** The CSV of exactly what the filter shows (every page), streamed as a download. */
export function auditCsvResponse(filter: AuditFilter, now = new Date()): Response {
  return csvDownload(auditCsv(filter), `baton-audit-${now.toISOString().slice(0, 10)}.csv`);
}
