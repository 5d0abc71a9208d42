// HR's page for one person: what the domain hands the route (issue 22: the route no longer shapes data).
import { beforeAll, describe, expect, it } from "vitest";
import { offeredTo } from "~/.server/content/offered";
import { getCatalog } from "~/.server/content/catalog";
import { assignPeople } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { makeOverride } from "~/.server/overrides/create";
import { personPage } from "~/.server/people/person-page";
import { finishLesson } from "~/.server/progress/progress";
import { createTestPerson } from "../factories";

const NOW = new Date("2026-12-20T10:00:00Z");
const courses = () => getCatalog().courses.filter((c) => offeredTo(c, "LEARNER"));

let hr: Awaited<ReturnType<typeof createTestPerson>>;
let person: Awaited<ReturnType<typeof createTestPerson>>;
let curriculumId: string;

beforeAll(async () => {
  hr = await createTestPerson({ role: "HR" });
  person = await createTestPerson({ role: "MANAGER", name: "Page Person" });
  const ctx = { actor: { id: hr.id, email: hr.email }, ip: null };
  const [done, waived, late, optional] = courses();
  ({ id: curriculumId } = await createCurriculum(
    {
      name: "Front desk basics",
      description: "",
      inOrder: false,
      graceDays: 0,
      dueRule: { kind: "days", days: 14 },
      courses: [
        { slug: done!.slug, required: true, dueRule: null },
        { slug: waived!.slug, required: true, dueRule: null },
        { slug: late!.slug, required: true, dueRule: null },
        { slug: optional!.slug, required: false, dueRule: null },
      ],
    },
    ctx,
    new Date("2026-11-01T09:00:00Z"),
  ));
  await assignPeople(curriculumId, [person.email], ctx, new Date("2026-11-01T09:00:00Z"));
  for (const lesson of done!.lessons)
    await finishLesson({ personId: person.id, courseSlug: done!.slug, lessonSlug: lesson.slug, courseVersion: done!.version });
  const waive = new FormData();
  waive.set("intent", "waive");
  waive.set("course", waived!.slug);
  waive.set("reason", "Covered at induction.");
  expect(await makeOverride({ ...hr, role: "HR" }, person.id, waive, { ip: null }, NOW)).toMatchObject({ kind: "created" });
});

describe("HR's page for a person", () => {
  it("counts each curriculum by the curriculum rules: done, waived apart from done, overdue past the due day", async () => {
    const page = await personPage(person.id, NOW);
    expect(page?.curricula).toEqual([
      // Assigned on 1 November with 14 days to finish: the one untouched required course is overdue on 20 December.
      { id: curriculumId, name: "Front desk basics", through: "directly", requiredDone: 1, requiredWaived: 1, requiredTotal: 3, overdue: 1 },
    ]);
  });

  it("never carries the password hash, only whether there is one, and offers no one as their own manager", async () => {
    const page = await personPage(person.id, NOW);
    expect(page?.person).not.toHaveProperty("passwordHash");
    expect(page?.person.hasPassword).toBe(true);
    expect(page?.managers.map((m) => m.id)).toContain(hr.id);
    expect(page?.managers.map((m) => m.id)).not.toContain(person.id);
    expect(page?.breakGlass).toBe(false);
  });

  it("is null for an id nobody has", async () => {
    expect(await personPage("no-such-person", NOW)).toBeNull();
  });
});
