import { groupBy } from "../chunks";
import { prisma } from "../db";
import type { Prisma } from "~/generated/prisma/client";
import { summarizeOverrides, type OverrideRow, type PersonOverrides } from "./effective";

type Db = Prisma.TransactionClient | typeof prisma;

const overrideColumns = {
  id: true,
  kind: true,
  courseSlug: true,
  lessonSlug: true,
  extraAttempts: true,
  dueDate: true,
  reason: true,
  createdByName: true,
  createdAt: true,
} as const;

/** Overrides of many people, summed up per person, with their open reopenings (two queries). */
export async function overridesForMany(personIds: string[], db: Db = prisma): Promise<Map<string, PersonOverrides>> {
  const [rows, reopened] = await Promise.all([
    db.override.findMany({ where: { personId: { in: personIds } }, select: { ...overrideColumns, personId: true } }) as Promise<
      (OverrideRow & { personId: string })[]
    >,
    db.lessonReopening.findMany({
      where: { personId: { in: personIds }, resolvedAt: null },
      select: { personId: true, courseSlug: true, lessonSlug: true, cause: true, changedOn: true, dueDate: true, attemptsBefore: true },
    }),
  ]);
  const byPerson = groupBy(rows, (r) => r.personId);
  const reopenedByPerson = groupBy(reopened, (r) => r.personId);
  return new Map(personIds.map((id) => [id, summarizeOverrides(byPerson.get(id) ?? [], reopenedByPerson.get(id) ?? [])]));
}

export async function overridesFor(personId: string, db: Db = prisma): Promise<PersonOverrides> {
  return (await overridesForMany([personId], db)).get(personId)!;
}

/** One person's overrides as history, newest first. */
export async function overrideHistory(personId: string) {
  return prisma.override.findMany({ where: { personId }, select: overrideColumns, orderBy: { createdAt: "desc" } });
}
