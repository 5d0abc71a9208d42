/**
 * What HR's page for one person shows: the person (never their password hash), the choices the edit form
 * offers, their recent audit trail and each curriculum they hold, counted by the curriculum rules.
 */
import { listAuditEvents } from "../audit/audit";
import { assignedCoursesFor, type AssignedCurriculumView } from "../curricula/assigned-courses";
import { isBreakGlass } from "../sso/providers";
import { getPerson, listDepartments, listLocations, listManagerOptions } from "./people";

export type HeldCurriculumSummary = {
  id: string;
  name: string;
  /** How they came to hold it: "directly", a rule's label, or both. */
  through: string;
  requiredDone: number;
  /** Waived required courses satisfy the curriculum but are not completions (as on the readiness report). */
  requiredWaived: number;
  requiredTotal: number;
  /** Required courses past their due day (an optional course holds nobody back, as in readiness). */
  overdue: number;
};

/** One curriculum as a line of counts. */
export function summariseHeldCurriculum(held: AssignedCurriculumView): HeldCurriculumSummary {
  const required = held.courses.filter((c) => c.required);
  return {
    id: held.curriculumId,
    name: held.name,
    through: held.sources.map((s) => (s.kind === "direct" ? "directly" : s.label)).join("; "),
    requiredDone: required.filter((c) => c.completed).length,
    requiredWaived: required.filter((c) => !c.completed && c.waived).length,
    requiredTotal: required.length,
    overdue: required.filter((c) => c.overdue).length,
  };
}

/** Everything the page needs, or null when nobody has this id. */
export async function personPage(personId: string, today = new Date()) {
  const person = await getPerson(personId);
  if (!person) return null;
  const [managers, departments, locations, audit, curricula, breakGlass] = await Promise.all([
    listManagerOptions(),
    listDepartments(),
    listLocations(),
    listAuditEvents({ subjectId: person.id, take: 10 }),
    assignedCoursesFor(person.id, today),
    isBreakGlass(person.id),
  ]);
  const { passwordHash, ...rest } = person;
  return {
    person: { ...rest, hasPassword: Boolean(passwordHash) },
    breakGlass,
    // Nobody manages themselves.
    managers: managers.filter((m) => m.id !== person.id),
    departments,
    locations,
    audit: audit.map((e) => ({ id: e.id, at: e.at, action: e.action, actorEmail: e.actorEmail })),
    curricula: curricula.map(summariseHeldCurriculum),
  };
}
