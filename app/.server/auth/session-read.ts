import type { Person } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { column, preparedRead } from "../prepared";

/**
 * A session and its person in one prepared statement (docs/decisions/014): every signed-in request asks it,
 * twice for a page (the layout and the page). Also reads what the person's cached learner views are keyed by.
 */
const sessionWithPerson = preparedRead<[string], SessionWithPerson>(
  `SELECT s."id" AS "sessionId", s."createdAt", s."expiresAt",
          p."id", p."email", p."name", p."role", p."department", p."jobTitle", p."startDate", p."deactivatedAt", p."managerId",
          p."viewVersion", g."value" AS "viewGeneration"
     FROM "Session" s
     JOIN "Person" p ON p."id" = s."personId"
     LEFT JOIN "ViewGeneration" g ON g."id" = 1
    WHERE s."id" = $1`,
  (row) => ({
    createdAt: column.date(row.createdAt)!,
    expiresAt: column.date(row.expiresAt)!,
    person: {
      id: String(row.id),
      email: String(row.email),
      name: String(row.name),
      role: String(row.role) as Role,
      department: column.text(row.department),
      jobTitle: column.text(row.jobTitle),
      startDate: column.date(row.startDate),
      deactivatedAt: column.date(row.deactivatedAt),
      managerId: column.text(row.managerId),
    },
    versions: { person: column.number(row.viewVersion), everyone: column.number(row.viewGeneration) },
  }),
);

export type SessionWithPerson = {
  createdAt: Date;
  expiresAt: Date;
  person: Pick<Person, "id" | "email" | "name" | "role" | "department" | "jobTitle" | "startDate" | "deactivatedAt" | "managerId">;
  /** The person's view version and everyone's (bumped by triggers on the writes learner pages show). */
  versions: { person: number; everyone: number };
};

/** The session with this id (the token's hash) and its person, or null. */
export async function readSession(id: string): Promise<SessionWithPerson | null> {
  return (await sessionWithPerson(id))[0] ?? null;
}
