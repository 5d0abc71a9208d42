import type { Prisma } from "~/generated/prisma/client";
import { chunks } from "../chunks";
import { publishEvents, type IntegrationEvent } from "../integrations/events";
import { ruleMatches } from "./rules";

type Tx = Prisma.TransactionClient;

const personRuleSelect = { id: true, department: true, jobTitle: true, location: true, role: true, startDate: true, deactivatedAt: true } as const;

/**
 * Bring rule assignments in line with people's current department, job title, location, role and start date:
 * a person who now matches an active rule of a live curriculum gets an open period from it; one who no
 * longer matches has that period closed (their history and progress stay). Deactivated people are left
 * as they are. Runs inside the caller's transaction; a fixed number of queries per 500 people.
 * `personIds: "all"` re-checks everyone (a new rule, a restored curriculum). Returns whose assignments changed,
 * and `granted`: the curricula people hold now and did not hold before in any way (what they are told about).
 */
export async function syncRuleAssignments(
  tx: Tx,
  personIds: string[] | "all",
  opts: { now?: Date; ruleIds?: string[] } = {},
): Promise<{ added: number; ended: number; people: string[]; granted: Holding[] }> {
  const now = opts.now ?? new Date();
  const rules = await tx.assignmentRule.findMany({
    where: { endedAt: null, curriculum: { archivedAt: null }, id: opts.ruleIds ? { in: opts.ruleIds } : undefined },
    select: { id: true, kind: true, value: true, curriculumId: true },
  });
  if (rules.length === 0) return { added: 0, ended: 0, people: [], granted: [] };
  const ruleIds = rules.map((r) => r.id);

  const batches =
    personIds === "all"
      ? [await tx.person.findMany({ where: { deactivatedAt: null }, select: personRuleSelect })]
      : await Promise.all(
          chunks(personIds, 500).map((ids) => tx.person.findMany({ where: { id: { in: ids }, deactivatedAt: null }, select: personRuleSelect })),
        );

  let added = 0;
  let ended = 0;
  const changed = new Set<string>();
  const granted: Holding[] = [];
  for (const people of batches) {
    if (people.length === 0) continue;
    const open = await tx.assignment.findMany({
      where: { ruleId: { in: ruleIds }, unassignedAt: null, ...(personIds === "all" ? {} : { personId: { in: people.map((p) => p.id) } }) },
      select: { id: true, personId: true, ruleId: true },
    });
    const openKey = new Map(open.map((a) => [`${a.personId}:${a.ruleId}`, a.id]));
    const toCreate: Prisma.AssignmentCreateManyInput[] = [];
    const toEnd: string[] = [];
    for (const person of people) {
      for (const rule of rules) {
        const existing = openKey.get(`${person.id}:${rule.id}`);
        const matches = ruleMatches(rule, person);
        if (matches && !existing) toCreate.push({ personId: person.id, curriculumId: rule.curriculumId, ruleId: rule.id, assignedAt: now });
        if (!matches && existing) toEnd.push(existing);
      }
    }
    for (const a of toCreate) changed.add(a.personId);
    const newlyHeld = await notHeldYet(tx, toCreate);
    granted.push(...newlyHeld);
    await publishEvents(
      tx,
      newlyHeld.map((h): IntegrationEvent => ({ type: "curriculum.assigned", ...h })),
      now,
    );
    for (const a of open) if (toEnd.includes(a.id)) changed.add(a.personId);
    for (const batch of chunks(toCreate, 500)) added += (await tx.assignment.createMany({ data: batch })).count;
    for (const batch of chunks(toEnd, 500)) {
      ended += (await tx.assignment.updateMany({ where: { id: { in: batch } }, data: { unassignedAt: now } })).count;
    }
  }
  return { added, ended, people: [...changed], granted };
}

export type Holding = { personId: string; curriculumId: string };
const holdingKey = (h: Holding) => `${h.personId}:${h.curriculumId}`;

/**
 * Of these (person, curriculum) pairs about to be given, those the person holds in no other way yet (directly, or
 * through another rule): read before the write. Each pair once.
 */
export async function notHeldYet(tx: Tx, pairs: Holding[]): Promise<Holding[]> {
  const unique = [...new Map(pairs.map((p) => [holdingKey(p), { personId: p.personId, curriculumId: p.curriculumId }])).values()];
  const held = new Set<string>();
  for (const batch of chunks(unique, 500)) {
    const open = await tx.assignment.findMany({
      where: {
        unassignedAt: null,
        personId: { in: [...new Set(batch.map((p) => p.personId))] },
        curriculumId: { in: [...new Set(batch.map((p) => p.curriculumId))] },
      },
      select: { personId: true, curriculumId: true },
    });
    for (const a of open) held.add(holdingKey(a));
  }
  return unique.filter((p) => !held.has(holdingKey(p)));
}
