/**
 * Assignments for the JSON API: who holds which curriculum now, and assigning one to a person through the same
 * function HR's page uses (curricula/assignments.ts), so rules, readiness and notifications cannot disagree.
 */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { assignPeople } from "../curricula/assignments";
import { ruleLabel } from "../curricula/rules";
import { prisma } from "../db";
import { after, pageOf, PageQuery, type PageInput } from "./paging";

const id = z.string().trim().min(1).max(64);

export const AssignmentsQuerySchema = z.object({ ...PageQuery, personId: id.optional(), curriculumId: id.optional() }).strict();

export const AssignmentBodySchema = z.object({ personId: id, curriculumId: id }).strict();

const assignmentSelect = {
  id: true,
  personId: true,
  curriculumId: true,
  assignedAt: true,
  ruleId: true,
  rule: { select: { kind: true, value: true } },
} satisfies Prisma.AssignmentSelect;

type AssignmentRow = Prisma.AssignmentGetPayload<{ select: typeof assignmentSelect }>;

function assignmentResource(a: AssignmentRow) {
  return {
    id: a.id,
    personId: a.personId,
    curriculumId: a.curriculumId,
    via: a.rule ? ("rule" as const) : ("direct" as const),
    rule: a.rule ? ruleLabel(a.rule) : null,
    assignedAt: a.assignedAt,
  };
}

/** Open assignments (a person may hold a curriculum directly and through rules: one row each), oldest first. */
export async function apiAssignments(query: PageInput & { personId?: string; curriculumId?: string }) {
  const rows = await prisma.assignment.findMany({
    where: { AND: [{ unassignedAt: null, personId: query.personId, curriculumId: query.curriculumId }, after("assignedAt", query.cursor)] },
    orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    select: assignmentSelect,
  });
  const page = pageOf(rows, query.limit, (r) => r.assignedAt);
  return { data: page.data.map(assignmentResource), nextCursor: page.nextCursor };
}

const openDirect = (personId: string, curriculumId: string) =>
  prisma.assignment.findFirst({
    where: { personId, curriculumId, ruleId: null, unassignedAt: null },
    select: assignmentSelect,
    orderBy: { assignedAt: "desc" },
  });

export type ApiAssignOutcome =
  | { kind: "created" | "already-assigned"; assignment: ReturnType<typeof assignmentResource> }
  | { kind: "not-found"; what: "person" | "curriculum" }
  | { kind: "refused"; message: string };

/** Assign a curriculum to one person directly; assigning what they already hold directly changes nothing. */
export async function apiAssign(
  input: z.infer<typeof AssignmentBodySchema>,
  ctx: { actor: { id: string; email: string }; ip: string | null },
  now: Date,
): Promise<ApiAssignOutcome> {
  const [person, curriculum] = await Promise.all([
    prisma.person.findUnique({ where: { id: input.personId }, select: { email: true } }),
    prisma.curriculum.findUnique({ where: { id: input.curriculumId }, select: { id: true } }),
  ]);
  if (!person) return { kind: "not-found", what: "person" };
  if (!curriculum) return { kind: "not-found", what: "curriculum" };
  const held = await openDirect(input.personId, input.curriculumId);
  if (held) return { kind: "already-assigned", assignment: assignmentResource(held) };
  const outcome = await assignPeople(input.curriculumId, [person.email], ctx, now);
  if (!outcome.ok) return { kind: "refused", message: outcome.message };
  const created = await openDirect(input.personId, input.curriculumId);
  // Someone else's request may have assigned it a moment earlier: still held directly, which is what was asked.
  return created ? { kind: "created", assignment: assignmentResource(created) } : { kind: "refused", message: "The curriculum could not be assigned." };
}
