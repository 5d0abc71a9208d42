import { sessionCookieHeader } from "~/.server/auth/cookie";
import { hashPassword } from "~/.server/auth/password";
import { createSession } from "~/.server/auth/session";
import { prisma } from "~/.server/db";
import type { Role } from "~/generated/prisma/enums";
import type { data } from "@remix-run/node";

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

type Unwrapped<T> = T extends ReturnType<typeof data<infer D>> ? D : T;

/**
 * What a loader or action hands the browser as data: `data(value, init)` unwrapped, Responses left out.
 * A route that only ever answers with a Response has none: `unknown`, so a test cannot use it by mistake.
 */
export type RouteData<T> = [Exclude<T, Response>] extends [never] ? unknown : Unwrapped<Exclude<T, Response>>;

export type Outcome<D = unknown> = {
  /** HTTP status the browser would see. */
  status: number;
  headers: Headers;
  /** The returned data, typed as the route's; reading it when the route answered with a Response fails the test. */
  readonly data: D;
  /** A returned or thrown Response's body text; reading it when the route returned data fails the test. */
  readonly body: string;
  /** Redirect target, if any. */
  location: string | null;
  /** Whether the loader/action threw (redirect or error response) instead of returning. */
  thrown: boolean;
};

/** Reading the field an outcome does not have fails the test and says which one to read. */
function absent(field: "data" | "body", answer: Pick<Outcome, "status" | "location">): never {
  const other = field === "data" ? "the route answered with a Response; read .body" : "the route returned data; read .data";
  throw new Error(`outcome.${field}: ${other} (status ${answer.status}${answer.location ? ` → ${answer.location}` : ""})`);
}

/** Keeps the absent field out of printed outcomes (a failing expect prints them). */
function hide<O extends Outcome<unknown>>(outcome: O, field: "data" | "body"): O {
  return Object.defineProperty(outcome, field, { enumerable: false });
}

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && "type" in value && value.type === "DataWithResponseInit";
}

/** A returned or thrown Response: its text, and no data. */
async function fromResponse(response: Response, thrown: boolean): Promise<Outcome<never>> {
  const answer = { status: response.status, headers: response.headers, location: response.headers.get("Location"), thrown, body: await response.text() };
  return hide<Outcome<never>>(
    {
      ...answer,
      get data() {
        return absent("data", answer);
      },
    },
    "data",
  );
}

async function toOutcome<R>(value: R, thrown: boolean): Promise<Outcome<RouteData<R>>> {
  if (value instanceof Response) return fromResponse(value, thrown);
  const init = isDataWithInit(value) ? value.init : null;
  const headers = new Headers(init?.headers);
  const answer = { status: init?.status ?? 200, headers, location: headers.get("Location"), thrown };
  // What the route returned, `data()` unwrapped: RouteData<R> at run time (TypeScript cannot follow a conditional type).
  const routeData = (isDataWithInit(value) ? value.data : value) as RouteData<R>;
  return hide(
    {
      ...answer,
      data: routeData,
      get body() {
        return absent("body", answer);
      },
    },
    "body",
  );
}

/**
 * Run a route loader or action and describe what the browser would get, whether it returned or threw a Response.
 * `data` has the route's own type (`data()` unwrapped), so a test reads it without casts.
 */
export async function outcomeOf<P extends Promise<unknown>>(run: P): Promise<Outcome<RouteData<Awaited<P>>>> {
  try {
    return await toOutcome(await run, false);
  } catch (error) {
    if (error instanceof Response) return fromResponse(error, true);
    throw error;
  }
}

/** The members of a union that carry `key` (set, not undefined), with `key` no longer optional. */
export type Having<D, K extends string> = D extends unknown
  ? K extends keyof D
    ? [Exclude<D[K], undefined>] extends [never]
      ? never
      : D & { [P in K]-?: Exclude<D[P], undefined> }
    : never
  : never;

function hasKey<D, K extends string>(value: D, key: K): value is Having<D, K> {
  return typeof value === "object" && value !== null && Object.entries(value).some(([name, field]) => name === key && field !== undefined);
}

/** The member of a route's data union that carries `key` (errors, message, preview…); fails the test on any other. */
export function having<D, K extends string>(value: D, key: K): Having<D, K> {
  if (hasKey(value, key)) return value;
  throw new Error(`expected route data with "${key}", got ${JSON.stringify(value)}`);
}
