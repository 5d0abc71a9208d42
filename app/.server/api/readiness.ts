/**
 * Readiness for the JSON API: the stored summary (freshened first, as every reader does) under the HR report's
 * own filters (readiness/summary-query.ts), a page at a time in the order people were added.
 */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../db";
import { reportWhere } from "../readiness/summary-query";
import { READINESS_STATES, type ReadinessState } from "../readiness/rules";
import { freshenReadiness } from "../readiness/upkeep";
import { BooleanParam, encodeCursor, PageQuery, type PageInput } from "./paging";
import { isoDay } from "./people";

const id = z.string().trim().min(1).max(64);

export const ReadinessQuerySchema = z
  .object({
    ...PageQuery,
    state: z.enum(READINESS_STATES).optional(),
    department: z.string().trim().min(1).max(100).optional(),
    managerId: id.optional(),
    curriculumId: id.optional(),
    active: BooleanParam.optional(),
  })
  .strict();

type ReadinessQuery = PageInput & { state?: ReadinessState; department?: string; managerId?: string; curriculumId?: string; active?: boolean };

const summarySelect = {
  personId: true,
  name: true,
  department: true,
  managerId: true,
  startDate: true,
  active: true,
  state: true,
  reasons: true,
  since: true,
  readyAt: true,
  lastActivity: true,
  overdueCount: true,
  computedAt: true,
  person: { select: { email: true, createdAt: true } },
  curricula: { select: { curriculumId: true, name: true, requiredDone: true, requiredWaived: true, requiredTotal: true }, orderBy: { name: "asc" } },
} satisfies Prisma.ReadinessSummarySelect;

type SummaryRow = Prisma.ReadinessSummaryGetPayload<{ select: typeof summarySelect }>;

const ReasonsSchema = z.array(z.string()).catch([]);

function readinessResource(r: SummaryRow) {
  return {
    personId: r.personId,
    name: r.name,
    email: r.person.email,
    department: r.department,
    managerId: r.managerId,
    startDate: isoDay(r.startDate),
    active: r.active,
    state: r.state,
    reasons: ReasonsSchema.parse(JSON.parse(r.reasons)),
    since: r.since,
    readyAt: r.readyAt,
    lastActivity: r.lastActivity,
    overdueCourses: r.overdueCount,
    curricula: r.curricula.map((c) => ({
      id: c.curriculumId,
      name: c.name,
      requiredDone: c.requiredDone,
      requiredWaived: c.requiredWaived,
      requiredTotal: c.requiredTotal,
    })),
    computedAt: r.computedAt,
  };
}

/** A page of readiness summaries of the people the HR report covers. */
export async function apiReadiness(query: ReadinessQuery, now: Date) {
  await freshenReadiness(now);
  const base = reportWhere({
    account: query.active === undefined ? "all" : query.active ? "active" : "deactivated",
    department: query.department,
    manager: query.managerId,
    curriculum: query.curriculumId,
  });
  const cursor = query.cursor;
  const rows = await prisma.readinessSummary.findMany({
    where: {
      AND: [
        base,
        query.state ? { state: query.state } : {},
        cursor ? { OR: [{ person: { is: { createdAt: { gt: cursor.at } } } }, { person: { is: { createdAt: cursor.at } }, personId: { gt: cursor.id } }] } : {},
      ],
    },
    orderBy: [{ person: { createdAt: "asc" } }, { personId: "asc" }],
    take: query.limit + 1,
    select: summarySelect,
  });
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return {
    data: data.map(readinessResource),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.person.createdAt, id: last.personId }) : null,
  };
}
