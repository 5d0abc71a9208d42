import type { Prisma } from "~/generated/prisma/client";
import { chunks, groupBy } from "../chunks";
import { getCatalog } from "../content/catalog";
import { heldCurricula, loadHoldings } from "../curricula/assigned-courses";
import type { Holding } from "../curricula/sync";
import { notify, type Outgoing } from "./notify";
import { orgSettings } from "./settings";
import { curriculumAssignedMessage } from "./templates";

type Tx = Prisma.TransactionClient;

/**
 * Tell each active person about the curricula a write has just given them, inside that write's transaction: each
 * course with its due date for them, from the same rule set the learner's page uses (heldCurricula → due-dates.ts).
 * Waived courses are left out. The key names the assignment (person, curriculum, moment), so unassigning and
 * assigning again tells them again, while a retried write cannot tell them twice.
 */
export async function tellNewHolders(tx: Tx, holdings: Holding[], now: Date, assignedBy: string | null) {
  if (holdings.length === 0) return;
  const catalog = new Map(getCatalog().courses.map((c) => [c.slug, c]));
  const settings = await orgSettings(tx);
  const byPerson = groupBy(holdings, (h) => h.personId);
  for (const ids of chunks([...byPerson.keys()], 500)) {
    const [people, held] = await Promise.all([
      tx.person.findMany({ where: { id: { in: ids }, deactivatedAt: null }, select: { id: true, name: true, email: true, startDate: true } }),
      loadHoldings(ids, tx, { ruleLabels: false }),
    ]);
    const messages: Outgoing[] = [];
    for (const person of people) {
      const given = new Set((byPerson.get(person.id) ?? []).map((h) => h.curriculumId));
      const curricula = heldCurricula({
        periods: held.periodsByPerson.get(person.id) ?? [],
        curricula: held.curricula,
        startDate: person.startDate,
        catalog,
        overrides: held.overrides.get(person.id),
      });
      for (const c of curricula.filter((c) => given.has(c.curriculumId))) {
        const courses = c.courses.filter((x) => !x.waived).map((x) => ({ courseTitle: x.course.title, dueDate: x.dueDate, required: x.required }));
        messages.push({
          kind: "curriculum_assigned",
          key: `curriculum_assigned:${person.id}:${c.curriculumId}:${now.getTime()}`,
          to: { id: person.id, name: person.name, email: person.email },
          content: curriculumAssignedMessage({ curriculumName: c.name, courses, assignedBy }),
        });
      }
    }
    await notify(tx, messages, now, settings);
  }
}
