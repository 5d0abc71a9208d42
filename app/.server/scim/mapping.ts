/**
 * Person ↔ SCIM User (RFC 7643 §4.1 with the enterprise extension §4.3 and Baton's extension). userName is the e-mail;
 * externalId and the enterprise employeeNumber are both the HR system's employee id (Person.employeeId).
 */
import { z } from "zod";
import { CalendarDay } from "../people/schema";
import { BATON_SCHEMA, ENTERPRISE_SCHEMA, USER_SCHEMA } from "./schemas";

export const scimPersonSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  department: true,
  jobTitle: true,
  startDate: true,
  employeeId: true,
  managerId: true,
  manager: { select: { name: true } },
  deactivatedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type ScimPerson = {
  id: string;
  email: string;
  name: string;
  role: string;
  department: string | null;
  jobTitle: string | null;
  startDate: Date | null;
  employeeId: string | null;
  managerId: string | null;
  manager: { name: string } | null;
  deactivatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Baton keeps one name: shown whole as formatted/displayName, split at the last space for clients that want parts. */
function nameParts(name: string): { givenName: string; familyName?: string } {
  const at = name.trim().lastIndexOf(" ");
  return at > 0 ? { givenName: name.slice(0, at).trim(), familyName: name.slice(at + 1) } : { givenName: name.trim() };
}

/** A weak ETag: the row's last change, to the millisecond. */
const versionOf = (person: { updatedAt: Date }) => `W/"${person.updatedAt.getTime()}"`;

export function toScimUser(person: ScimPerson, base: string) {
  const location = `${base}/Users/${person.id}`;
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA, BATON_SCHEMA],
    id: person.id,
    externalId: person.employeeId ?? undefined,
    userName: person.email,
    name: { formatted: person.name, ...nameParts(person.name) },
    displayName: person.name,
    title: person.jobTitle ?? undefined,
    active: person.deactivatedAt === null,
    emails: [{ value: person.email, type: "work", primary: true }],
    [ENTERPRISE_SCHEMA]: {
      employeeNumber: person.employeeId ?? undefined,
      department: person.department ?? undefined,
      manager: person.managerId ? { value: person.managerId, $ref: `${base}/Users/${person.managerId}`, displayName: person.manager?.name } : undefined,
    },
    [BATON_SCHEMA]: { startDate: person.startDate?.toISOString().slice(0, 10), role: person.role },
    meta: {
      resourceType: "User",
      created: person.createdAt.toISOString(),
      lastModified: person.updatedAt.toISOString(),
      location,
      version: versionOf(person),
    },
  };
}

export type ScimUser = ReturnType<typeof toScimUser>;

/** What SCIM may set on a person. `manager` is a Baton person id or an employee id, resolved by the caller. */
export type ScimFields = {
  email: string;
  name: string;
  employeeId: string | null;
  department: string | null;
  jobTitle: string | null;
  startDate: Date | null;
  manager: string | null;
  active: boolean;
};

export type FieldsOutcome = { kind: "ok"; fields: ScimFields } | { kind: "invalid"; detail: string };

const Email = z.string().trim().toLowerCase().email().max(254);

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** A calendar day, or an ISO date-time whose UTC day is taken (some directories send their dates with a time). */
function startDateOf(value: string): Date | "invalid" {
  const day = /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
  return CalendarDay.safeParse(day).success ? new Date(`${day}T00:00:00.000Z`) : "invalid";
}

function primaryEmail(resource: Record<string, unknown>): string | undefined {
  const emails = Array.isArray(resource.emails) ? resource.emails.map(record) : [];
  return text((emails.find((e) => e.primary === true) ?? emails[0])?.value);
}

/** The attributes as plain values, in the order of precedence the mapping uses. */
function readAttributes(resource: Record<string, unknown>) {
  const name = record(resource.name);
  const enterprise = record(resource[ENTERPRISE_SCHEMA]);
  const given = text(name.givenName);
  const family = text(name.familyName);
  return {
    userName: text(resource.userName),
    primaryEmail: primaryEmail(resource),
    formatted: text(name.formatted),
    joined: [given, family].filter(Boolean).join(" ") || undefined,
    displayName: text(resource.displayName),
    externalId: text(resource.externalId),
    employeeNumber: text(enterprise.employeeNumber),
    department: text(enterprise.department),
    title: text(resource.title),
    manager: text(record(enterprise.manager).value),
    startDate: text(record(resource[BATON_SCHEMA]).startDate),
    active: resource.active,
  };
}

type Attributes = ReturnType<typeof readAttributes>;

/**
 * A User resource → the person's fields. `previous` (PATCH) is the resource before the operations: where two SCIM
 * attributes feed one Baton field (userName and emails; formatted, givenName/familyName and displayName; externalId and
 * employeeNumber) the one the client changed wins. Without it (POST, PUT) the resource is taken as complete.
 */
export function fieldsFromScim(resource: unknown, current: { active: boolean } | null, previous?: unknown): FieldsOutcome {
  const now = readAttributes(record(resource));
  const before: Partial<Attributes> = previous === undefined ? {} : readAttributes(record(previous));
  const changed = (key: keyof Attributes) => previous !== undefined && now[key] !== before[key];
  const pick = (...keys: (keyof Attributes)[]) => {
    if (previous !== undefined) {
      const key = keys.find(changed);
      return key ? now[key] : keys.map((k) => before[k]).find((v) => v !== undefined);
    }
    return keys.map((k) => now[k]).find((v) => v !== undefined);
  };

  const emailText = pick("userName", "primaryEmail");
  const email = Email.safeParse(emailText ?? "");
  if (!email.success) return { kind: "invalid", detail: "userName must be the person's e-mail address (e.g. Entra's userPrincipalName or Okta's email)." };

  const name = String(pick("formatted", "joined", "displayName") ?? email.data);
  const employeeId = (pick("externalId", "employeeNumber") as string | undefined) ?? null;
  const limits: [string, string | null | undefined, number][] = [
    ["name", name, 200],
    ["externalId", employeeId, 100],
    ["department", now.department, 100],
    ["title", now.title, 100],
  ];
  for (const [attribute, value, max] of limits) {
    if (value && value.length > max) return { kind: "invalid", detail: `${attribute} is longer than ${max} characters.` };
  }

  let startDate: Date | null = null;
  if (now.startDate) {
    const parsed = startDateOf(now.startDate);
    if (parsed === "invalid") return { kind: "invalid", detail: `${BATON_SCHEMA}:startDate must be a date like 2026-03-31.` };
    startDate = parsed;
  }

  return {
    kind: "ok",
    fields: {
      email: email.data,
      name,
      employeeId,
      department: now.department ?? null,
      jobTitle: now.title ?? null,
      startDate,
      manager: now.manager ?? null,
      active: typeof now.active === "boolean" ? now.active : (current?.active ?? true),
    },
  };
}

/**
 * Entra sends booleans as "True"/"False" strings (a documented quirk of its SCIM client): turn such strings into
 * booleans wherever `active` appears, in a resource or in a PATCH operation's value.
 */
export function booleanFromText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const lower = value.trim().toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : value;
}

export function withActiveAsBoolean<T>(resource: T): T {
  if (typeof resource !== "object" || resource === null || Array.isArray(resource) || !("active" in resource)) return resource;
  return { ...resource, active: booleanFromText((resource as { active: unknown }).active) };
}
