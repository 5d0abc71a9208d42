/** People for the JSON API: who they are, never how they sign in. */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../db";
import { personColumns } from "../people/columns";
import { after, BooleanParam, pageOf, PageQuery, type PageInput } from "./paging";

const ROLES = ["LEARNER", "MANAGER", "HR"] as const;

export const PeopleQuerySchema = z
  .object({
    ...PageQuery,
    department: z.string().trim().min(1).max(100).optional(),
    role: z.enum(ROLES).optional(),
    active: BooleanParam.optional(),
  })
  .strict();

const personSelect = {
  ...personColumns,
  employeeId: true,
  managerId: true,
  createdAt: true,
} satisfies Prisma.PersonSelect;

type PersonRow = Prisma.PersonGetPayload<{ select: typeof personSelect }>;

/** A calendar day (stored as midnight UTC) as YYYY-MM-DD. */
export const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function personResource(p: PersonRow) {
  return {
    id: p.id,
    email: p.email,
    name: p.name,
    role: p.role,
    department: p.department,
    jobTitle: p.jobTitle,
    employeeId: p.employeeId,
    startDate: isoDay(p.startDate),
    managerId: p.managerId,
    active: p.deactivatedAt === null,
    deactivatedAt: p.deactivatedAt,
    createdAt: p.createdAt,
  };
}

/** A page of people in the order they were added (then by id). */
export async function apiPeople(query: PageInput & { department?: string; role?: (typeof ROLES)[number]; active?: boolean }) {
  const rows = await prisma.person.findMany({
    where: {
      AND: [
        {
          department: query.department,
          role: query.role,
          ...(query.active === undefined ? {} : { deactivatedAt: query.active ? null : { not: null } }),
        },
        after("createdAt", query.cursor),
      ],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    select: personSelect,
  });
  const page = pageOf(rows, query.limit, (r) => r.createdAt);
  return { data: page.data.map(personResource), nextCursor: page.nextCursor };
}

export async function apiPerson(id: string) {
  const row = await prisma.person.findUnique({ where: { id }, select: personSelect });
  return row ? personResource(row) : null;
}

/** Does this person exist? (the per-person resources answer 404 otherwise). */
export async function personExists(id: string): Promise<boolean> {
  return (await prisma.person.count({ where: { id } })) > 0;
}
