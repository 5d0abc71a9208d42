import { hashPassword } from "~/.server/auth/password";
import { prisma } from "~/.server/db";
import type { Role } from "~/generated/prisma/enums";

let counter = 0;
let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = "test-password-42";

/** A person with the shared test password (hashed once per file: scrypt is slow on purpose). */
export async function createTestPerson(overrides: Partial<{ email: string; name: string; role: Role; department: string; managerId: string; startDate: Date }> = {}) {
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
    },
  });
}

/** A request as the browser sends it, carrying the session cookie and our origin. */
export function makeRequest(path: string, init: { method?: string; cookie?: string; form?: Record<string, string> } = {}) {
  const headers = new Headers({ Origin: "http://localhost:3000", "x-baton-client-ip": "203.0.113.7" });
  if (init.cookie) headers.set("Cookie", init.cookie);
  const body = init.form ? new URLSearchParams(init.form) : undefined;
  if (body) headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(`http://localhost:3000${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
}
