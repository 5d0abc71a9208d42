import { sessionCookieHeader } from "~/.server/auth/cookie";
import { hashPassword } from "~/.server/auth/password";
import { createSession } from "~/.server/auth/session";
import { prisma } from "~/.server/db";
import type { Role } from "~/generated/prisma/enums";

let counter = 0;
let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = "test-password-42";

/** A person with the shared test password (hashed once per file: scrypt is slow on purpose). */
/** A person who has used their account (signedIn: false for one who never signed in). */
export async function createTestPerson(
  overrides: Partial<{ email: string; name: string; role: Role; department: string; managerId: string; startDate: Date; signedIn: boolean }> = {},
) {
  counter += 1;
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return prisma.person.create({
    data: {
      email: overrides.email ?? `person${counter}-${Math.random().toString(36).slice(2, 7)}@test.baton`,
      name: overrides.name ?? `Test Person ${counter}`,
      role: overrides.role ?? "LEARNER",
      department: overrides.department ?? "Support",
      managerId: overrides.managerId,
      startDate: overrides.startDate ?? new Date("2026-11-01T00:00:00Z"),
      passwordHash: await cachedHash,
      signedInAt: overrides.signedIn === false ? null : new Date("2026-11-01T08:00:00Z"),
    },
  });
}

/** A request as the browser sends it, carrying the session cookie and our origin. */
export function makeRequest(path: string, init: { method?: string; cookie?: string; form?: Record<string, string>; ip?: string } = {}) {
  const headers = new Headers({ Origin: "http://localhost:3000", "x-baton-client-ip": init.ip ?? "203.0.113.7" });
  if (init.cookie) headers.set("Cookie", init.cookie);
  const body = init.form ? new URLSearchParams(init.form) : undefined;
  if (body) headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(`http://localhost:3000${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
}

/** A signed-in browser for a person: the Cookie header value, the raw token and the stored session id. */
export async function signedInCookie(personId: string) {
  const { token, session } = await createSession(personId);
  return { cookie: cookiePair(await sessionCookieHeader(token)), token, sessionId: session.id };
}

/** "name=value" from a Set-Cookie header, as the browser sends it back. */
export function cookiePair(setCookie: string | null): string {
  if (!setCookie) throw new Error("no Set-Cookie header");
  return setCookie.split(";")[0]!;
}

export type Outcome = {
  /** HTTP status the browser would see. */
  status: number;
  headers: Headers;
  /** The returned data (object) or, for a Response, its body text. */
  data: any;
  /** Redirect target, if any. */
  location: string | null;
  /** Whether the loader/action threw (redirect or error response) instead of returning. */
  thrown: boolean;
};

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

async function toOutcome(value: unknown, thrown: boolean): Promise<Outcome> {
  if (value instanceof Response) {
    const text = await value.text();
    return { status: value.status, headers: value.headers, data: text, location: value.headers.get("Location"), thrown };
  }
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, headers, data: value.data, location: headers.get("Location"), thrown };
  }
  return { status: 200, headers: new Headers(), data: value, location: null, thrown };
}

/** Run a route loader or action and describe what the browser would get, whether it returned or threw a Response. */
export async function outcomeOf(run: Promise<unknown>): Promise<Outcome> {
  try {
    return await toOutcome(await run, false);
  } catch (error) {
    if (error instanceof Response) return toOutcome(error, true);
    throw error;
  }
}
