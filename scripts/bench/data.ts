/**
 * Synthetic learners for the benchmark, written through Baton's own data layer. Imported only after
 * DATABASE_URL and NODE_ENV=production are set, so the client and the cookie match the server's.
 */
import { sessionCookieHeader } from "../../app/.server/auth/cookie";
import { hashPassword } from "../../app/.server/auth/password";
import { firstExpiry } from "../../app/.server/auth/session-rules";
import { generateToken, hashToken } from "../../app/.server/auth/token";
import { chunks } from "../../app/.server/chunks";
import { prisma } from "../../app/.server/db";
import { status } from "./status";

export const BENCH_PASSWORD = "bench-password-42";
const DEPARTMENTS = ["Customer Support", "Front Desk", "Warehouse", "Sales"];

export type Learner = { index: number; id: string; email: string; cookie: string };

let sharedHash: Promise<string> | undefined;

/**
 * `count` learners, each with a live session. One password hash for all (scrypt is slow on purpose), and
 * sessions created as sign-in creates them, so the cookie is exactly what a browser would send.
 */
export async function createLearners(from: number, count: number): Promise<Learner[]> {
  sharedHash ??= hashPassword(BENCH_PASSWORD);
  const passwordHash = await sharedHash;
  const now = new Date();
  const learners: Learner[] = [];
  for (const batch of chunks(
    Array.from({ length: count }, (_, i) => from + i),
    1000,
  )) {
    const people = batch.map((index) => ({ index, id: `bench-learner-${index}`, email: `learner${index}@bench.baton`, token: generateToken() }));
    await prisma.person.createMany({
      data: people.map((p) => ({
        id: p.id,
        email: p.email,
        name: `Bench Learner ${p.index}`,
        role: "LEARNER" as const,
        department: DEPARTMENTS[p.index % DEPARTMENTS.length],
        jobTitle: "Support Advisor",
        startDate: now,
        passwordHash,
      })),
    });
    await prisma.session.createMany({
      data: people.map((p) => ({ id: hashToken(p.token), personId: p.id, createdAt: now, expiresAt: firstExpiry(now) })),
    });
    for (const p of people) learners.push({ index: p.index, id: p.id, email: p.email, cookie: (await sessionCookieHeader(p.token)).split(";")[0]! });
    status.update(`Creating synthetic learners … ${learners.length}/${count}`);
  }
  return learners;
}

/** Learners made on demand, each batch numbered on from the last; `created()` counts them all. */
export function learnerSupply() {
  let created = 0;
  const newLearners = async (count: number) => {
    const made = await createLearners(created, count);
    created += count;
    status.log(`Synthetic learners: ${created.toLocaleString("en")} with sessions.`);
    return made;
  };
  return { newLearners, created: () => created };
}

export async function closeData() {
  await prisma.$disconnect();
}
