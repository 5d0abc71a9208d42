import { publishEvents, type IntegrationEvent } from "../integrations/events";
import { chunks } from "../chunks";
import { recordAudit, type AuditContext } from "../audit/audit";
import { prisma } from "../db";
import { ruleLabel, sameRule, type RuleInput } from "./rules";
import { closestValue, matchesSomeone, ruleValueOptions } from "./rule-values";
import { notHeldYet, syncRuleAssignments } from "./sync";
import { tellNewHolders } from "../notifications/curriculum-assigned";
import { readinessChanged } from "../readiness/upkeep";

export type AssignOutcome =
  | { ok: true; message: string }
  | { ok: false; field: string; message: string }
  /** A department, job title or location that matches nobody: HR confirms it (a group may be named before anyone joins it). */
  | { ok: false; field: "value"; message: string; unconfirmed: true; suggestion: string | null };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The name messages give for whoever assigned (the actor carries only id and email). */
async function actorName(ctx: AuditContext): Promise<string | null> {
  return (await prisma.person.findUnique({ where: { id: ctx.actor.id }, select: { name: true } }))?.name ?? null;
}

async function liveCurriculum(id: string) {
  return prisma.curriculum.findUnique({ where: { id }, select: { id: true, name: true, archivedAt: true } });
}

/** Assign to named people (one or several). Unknown or deactivated emails refuse the whole request. */
export async function assignPeople(curriculumId: string, emails: string[], ctx: AuditContext, now = new Date()): Promise<AssignOutcome> {
  const curriculum = await liveCurriculum(curriculumId);
  if (!curriculum) return { ok: false, field: "form", message: "That curriculum does not exist." };
  if (curriculum.archivedAt) return { ok: false, field: "form", message: "Restore this curriculum before assigning it." };
  // In batches: SQLite takes at most 999 values per statement, and HR may paste thousands of addresses.
  const people = (
    await Promise.all(
      chunks([...new Set(emails)], 500).map((batch) =>
        prisma.person.findMany({ where: { email: { in: batch } }, select: { id: true, email: true, deactivatedAt: true } }),
      ),
    )
  ).flat();
  const found = new Map(people.map((p) => [p.email, p]));
  const unknown = emails.filter((e) => !found.has(e));
  if (unknown.length > 0) return { ok: false, field: "emails", message: `No one in Baton has this email: ${unknown.slice(0, 5).join(", ")}` };
  const inactive = people.filter((p) => p.deactivatedAt);
  if (inactive.length > 0)
    return {
      ok: false,
      field: "emails",
      message: `Deactivated: ${inactive
        .map((p) => p.email)
        .slice(0, 5)
        .join(", ")}`,
    };

  const by = await actorName(ctx);
  const created = await prisma.$transaction(async (tx) => {
    const open = [];
    for (const batch of chunks(people, 500)) {
      open.push(
        ...(await tx.assignment.findMany({
          where: { curriculumId, ruleId: null, unassignedAt: null, personId: { in: batch.map((p) => p.id) } },
          select: { personId: true },
        })),
      );
    }
    const already = new Set(open.map((a) => a.personId));
    const data = people.filter((p) => !already.has(p.id)).map((p) => ({ personId: p.id, curriculumId, assignedAt: now, assignedById: ctx.actor.id }));
    // Someone who already holds it through a rule gets a direct period too, but nothing new to hear about.
    const granted = await notHeldYet(tx, data);
    if (data.length > 0) await tx.assignment.createMany({ data });
    await publishEvents(
      tx,
      granted.map((h): IntegrationEvent => ({ type: "curriculum.assigned", ...h })),
      now,
    );
    await readinessChanged(
      tx,
      data.map((d) => d.personId),
      `Assigned ${curriculum.name}`,
      now,
    );
    await tellNewHolders(tx, granted, now, by);
    return data.length;
  });
  await recordAudit({
    action: "curriculum.assigned",
    actor: ctx.actor,
    target: curriculum.name,
    ip: ctx.ip,
    details: { curriculumId, to: "people", emails, assigned: created },
  });
  const skipped = people.length - created;
  return {
    ok: true,
    message: `Assigned ${curriculum.name} to ${plural(created, "person", "people")}.${skipped > 0 ? ` ${plural(skipped, "person", "people")} already had it.` : ""}`,
  };
}

/**
 * Assign to a group by a rule: everyone who matches now receives the curriculum, and so does everyone who
 * matches later (created, imported or moved into the group). Adding a rule that is already active changes nothing.
 * A department, job title or location that matches no one is refused until `evenIfNobodyMatches`, so a typo cannot silently assign nobody.
 */
export async function addAssignmentRule(
  curriculumId: string,
  rule: RuleInput,
  ctx: AuditContext,
  now = new Date(),
  opts: { evenIfNobodyMatches?: boolean } = {},
): Promise<AssignOutcome> {
  const curriculum = await liveCurriculum(curriculumId);
  if (!curriculum) return { ok: false, field: "form", message: "That curriculum does not exist." };
  if (curriculum.archivedAt) return { ok: false, field: "form", message: "Restore this curriculum before assigning it." };
  const active = await prisma.assignmentRule.findMany({ where: { curriculumId, endedAt: null }, select: { kind: true, value: true } });
  if (active.some((r) => sameRule(r, rule))) {
    return { ok: false, field: "value", message: `${curriculum.name} is already assigned by “${ruleLabel(rule)}”.` };
  }
  if ((rule.kind === "DEPARTMENT" || rule.kind === "JOB_TITLE" || rule.kind === "LOCATION") && !opts.evenIfNobodyMatches) {
    const options = await ruleValueOptions();
    const existing = { DEPARTMENT: options.departments, JOB_TITLE: options.jobTitles, LOCATION: options.locations }[rule.kind];
    if (!matchesSomeone(rule.value, existing)) {
      const suggestion = closestValue(rule.value, existing);
      const message = `Nobody matches “${rule.value}” yet${suggestion ? ` — did you mean ${suggestion}?` : "."}`;
      return { ok: false, field: "value", message, unconfirmed: true, suggestion };
    }
  }
  const by = await actorName(ctx);
  const { added } = await prisma.$transaction(
    async (tx) => {
      const created = await tx.assignmentRule.create({ data: { curriculumId, kind: rule.kind, value: rule.value, createdAt: now, createdById: ctx.actor.id } });
      const sync = await syncRuleAssignments(tx, "all", { now, ruleIds: [created.id] });
      await readinessChanged(tx, sync.people, `Assigned ${curriculum.name} by “${ruleLabel(rule)}”`, now);
      await tellNewHolders(tx, sync.granted, now, by);
      return sync;
    },
    { timeout: 60_000 },
  );
  await recordAudit({
    action: "curriculum.rule_added",
    actor: ctx.actor,
    target: curriculum.name,
    ip: ctx.ip,
    details: { curriculumId, kind: rule.kind, value: rule.value, assigned: added },
  });
  return {
    ok: true,
    message: `Assigned ${curriculum.name} by “${ruleLabel(rule)}”: ${plural(added, "person", "people")} now, and everyone who matches later.`,
  };
}

/** End a rule: its open assignments close today; what people finished stays, and a new rule restores it. */
export async function endAssignmentRule(curriculumId: string, ruleId: string, ctx: AuditContext, now = new Date()): Promise<AssignOutcome> {
  const rule = await prisma.assignmentRule.findFirst({
    where: { id: ruleId, curriculumId },
    select: { kind: true, value: true, endedAt: true, curriculum: { select: { name: true } } },
  });
  if (!rule) return { ok: false, field: "form", message: "That rule does not exist." };
  if (rule.endedAt) return { ok: true, message: "That rule had already ended." };
  const ended = await prisma.$transaction(async (tx) => {
    await tx.assignmentRule.update({ where: { id: ruleId }, data: { endedAt: now, endedById: ctx.actor.id } });
    const holders = await tx.assignment.findMany({ where: { ruleId, unassignedAt: null }, select: { personId: true } });
    const { count } = await tx.assignment.updateMany({ where: { ruleId, unassignedAt: null }, data: { unassignedAt: now, unassignedById: ctx.actor.id } });
    await readinessChanged(
      tx,
      holders.map((h) => h.personId),
      `Rule “${ruleLabel(rule)}” ended`,
      now,
    );
    return count;
  });
  await recordAudit({
    action: "curriculum.rule_ended",
    actor: ctx.actor,
    target: rule.curriculum.name,
    ip: ctx.ip,
    details: { curriculumId, kind: rule.kind, value: rule.value, unassigned: ended },
  });
  const who = ended === 1 ? "1 person no longer holds" : `${ended} people no longer hold`;
  return { ok: true, message: `Ended “${ruleLabel(rule)}”: ${who} ${rule.curriculum.name} through it.` };
}

/** Unassign one person's direct assignment. Rules that still match them keep giving them the curriculum. */
export async function unassignPerson(curriculumId: string, personId: string, ctx: AuditContext, now = new Date()): Promise<AssignOutcome> {
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { email: true, name: true } });
  const curriculum = await liveCurriculum(curriculumId);
  if (!person || !curriculum) return { ok: false, field: "form", message: "That person or curriculum does not exist." };
  const count = await prisma.$transaction(async (tx) => {
    const { count } = await tx.assignment.updateMany({
      where: { curriculumId, personId, ruleId: null, unassignedAt: null },
      data: { unassignedAt: now, unassignedById: ctx.actor.id },
    });
    if (count > 0) await readinessChanged(tx, [personId], `Unassigned ${curriculum.name}`, now);
    return count;
  });
  if (count === 0) return { ok: false, field: "form", message: `${person.name} was not assigned ${curriculum.name} directly.` };
  await recordAudit({
    action: "curriculum.unassigned",
    actor: ctx.actor,
    target: person.email,
    ip: ctx.ip,
    details: { curriculumId, curriculum: curriculum.name },
  });
  const viaRule = await prisma.assignment.count({ where: { curriculumId, personId, unassignedAt: null } });
  return {
    ok: true,
    message: `Unassigned ${curriculum.name} from ${person.name}.${viaRule > 0 ? " They still hold it through a group rule." : ""}`,
  };
}

/** Who holds the curriculum now (and how), the rules, and the closed periods: the curriculum page's lower half. */
export async function curriculumAssignments(curriculumId: string, opts: { take?: number } = {}) {
  const take = opts.take ?? 200;
  const [rules, open, history, holderCount] = await Promise.all([
    prisma.assignmentRule.findMany({
      where: { curriculumId },
      select: { id: true, kind: true, value: true, createdAt: true, endedAt: true, _count: { select: { assignments: { where: { unassignedAt: null } } } } },
      orderBy: [{ endedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    }),
    prisma.assignment.findMany({
      where: { curriculumId, unassignedAt: null },
      select: { id: true, assignedAt: true, ruleId: true, person: { select: { id: true, name: true, email: true, department: true, startDate: true } } },
      orderBy: [{ person: { name: "asc" } }],
      take: take * 2,
    }),
    prisma.assignment.findMany({
      where: { curriculumId, unassignedAt: { not: null } },
      select: { id: true, assignedAt: true, unassignedAt: true, rule: { select: { kind: true, value: true } }, person: { select: { id: true, name: true } } },
      orderBy: { unassignedAt: "desc" },
      take: 50,
    }),
    prisma.$queryRaw<
      { n: number | bigint }[]
    >`SELECT COUNT(DISTINCT "personId") AS n FROM "Assignment" WHERE "curriculumId" = ${curriculumId} AND "unassignedAt" IS NULL`,
  ]);
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const holders = new Map<string, { person: (typeof open)[number]["person"]; since: Date; direct: boolean; rules: string[] }>();
  for (const a of open) {
    const h = holders.get(a.person.id) ?? { person: a.person, since: a.assignedAt, direct: false, rules: [] };
    if (a.assignedAt < h.since) h.since = a.assignedAt;
    const rule = a.ruleId ? ruleById.get(a.ruleId) : undefined;
    if (rule) h.rules.push(ruleLabel(rule));
    else h.direct = true;
    holders.set(a.person.id, h);
  }
  return {
    rules: rules.map((r) => ({ id: r.id, label: ruleLabel(r), createdAt: r.createdAt, endedAt: r.endedAt, people: r._count.assignments })),
    holders: [...holders.values()].slice(0, take),
    holderCount: Number(holderCount[0]?.n ?? 0),
    history: history.map((h) => ({
      id: h.id,
      person: h.person,
      from: h.assignedAt,
      to: h.unassignedAt,
      via: h.rule ? ruleLabel(h.rule) : "Directly",
    })),
  };
}
