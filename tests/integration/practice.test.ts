import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import { assignPeople } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { prisma } from "~/.server/db";
import { signOffQueue, staleSignOffs } from "~/.server/practice/submissions";
import { readinessFor } from "~/.server/readiness/load";
import { action as lessonAction, loader as lessonLoader } from "~/routes/_app.learn.$courseSlug.$lessonSlug";
import { action as reviewAction, loader as reviewLoader } from "~/routes/_app.practice.$submissionId";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

const ctx = { context: {} };
const SLUG = "internal-customer-service";
const lesson = () => getCourse(SLUG)!.lessons.find((l) => l.completion === "signoff")!;
const path = () => `/learn/${SLUG}/${lesson().slug}`;
const params = () => ({ courseSlug: SLUG, lessonSlug: lesson().slug });

let hr: Awaited<ReturnType<typeof createTestPerson>>;
let hrCookie: string;
let manager: Awaited<ReturnType<typeof createTestPerson>>;
let managerCookie: string;
let curriculumId: string;
beforeAll(async () => {
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  hrCookie = (await signedInCookie(hr.id)).cookie;
  manager = await createTestPerson({ role: "MANAGER", name: "Mo Manager" });
  managerCookie = (await signedInCookie(manager.id)).cookie;
  curriculumId = (
    await createCurriculum(
      { name: "Practice onboarding", description: "", inOrder: false, dueRule: null, courses: [{ slug: SLUG, required: true, dueRule: null }] },
      { actor: hr, ip: null },
    )
  ).id;
});

async function learner(managerId: string | null = manager.id) {
  const person = await createTestPerson({ managerId: managerId ?? undefined, name: "Pat Practice" });
  await assignPeople(curriculumId, [person.email], { actor: hr, ip: null });
  return { person, cookie: (await signedInCookie(person.id)).cookie };
}
const submit = (cookie: string, fields: Record<string, string> = {}) =>
  outcomeOf(
    lessonAction({
      request: makeRequest(path(), { cookie, form: { intent: "practice-submit", note: "Passed case 12 to Jo with a note.", ...fields } }),
      params: params(),
      ...ctx,
    }),
  );
const review = (cookie: string, id: string, form: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of ([] as string[]).concat(v)) body.append(k, one);
  const r = makeRequest(`/practice/${id}`, { cookie });
  const request = new Request(r.url, {
    method: "POST",
    headers: { ...Object.fromEntries(r.headers), "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  return outcomeOf(reviewAction({ request, params: { submissionId: id }, ...ctx }));
};
const latest = (personId: string) => prisma.practiceSubmission.findFirstOrThrow({ where: { personId }, orderBy: { submittedAt: "desc" } });
const reasonsOf = async (personId: string) => (await readinessFor([personId]))[0]!.reasons.join("\n");

describe("a practice task, observed and signed off", () => {
  it("goes learner → returned with notes → resubmitted → signed off, keeping every step, with readiness reasons on the way", async () => {
    const { person, cookie } = await learner();
    expect((await submit(cookie)).status).toBe(200);
    expect((await submit(cookie)).status).toBe(200); // a second click: still one waiting submission
    expect(await prisma.practiceSubmission.count({ where: { personId: person.id } })).toBe(1);
    expect(await prisma.lessonProgress.findFirst({ where: { personId: person.id, lessonSlug: lesson().slug } })).toMatchObject({ status: "IN_PROGRESS" });
    expect(await reasonsOf(person.id)).toMatch(new RegExp(`Waiting for sign-off: ${lesson().practice!.title} \\(submitted \\d+ \\w+\\)`));
    expect((await signOffQueue(manager)).map((q) => q.person.id)).toContain(person.id);

    const first = await latest(person.id);
    const noNotes = await review(managerCookie, first.id, { decision: "return", comment: "" });
    expect(noNotes.status).toBe(400);
    expect(having(noNotes.data, "fieldErrors").fieldErrors.comment).toMatch(/what to work on/);
    expect((await review(managerCookie, first.id, { decision: "return", comment: "Add the deadline.", criteria: ["0", "1"] })).data).toMatchObject({
      ok: true,
    });
    expect(await reasonsOf(person.id)).toMatch(/Practice returned with notes on \d+ \w+: /);
    const page = await outcomeOf(lessonLoader({ request: makeRequest(path(), { cookie }), params: params(), ...ctx }));
    expect(page.data.practice).toMatchObject({
      canSubmit: true,
      submissions: [{ status: "RETURNED", comment: "Add the deadline.", reviewerName: "Mo Manager", criteriaMet: [0, 1] }],
    });

    await submit(cookie, { note: "Second try, with the deadline." });
    const second = await latest(person.id);
    expect(second.id).not.toBe(first.id);
    expect((await review(managerCookie, second.id, { decision: "sign-off", comment: "", criteria: ["0", "1", "2", "3"] })).data).toMatchObject({ ok: true });
    expect(having((await review(managerCookie, second.id, { decision: "sign-off" })).data, "message").message).toMatch(/already reviewed/);
    expect(await prisma.auditEvent.count({ where: { action: "practice.signed-off", target: person.email } })).toBe(1);
    expect(await prisma.lessonProgress.findFirst({ where: { personId: person.id, lessonSlug: lesson().slug } })).toMatchObject({ status: "COMPLETED" });
    const history = await prisma.practiceSubmission.findMany({ where: { personId: person.id }, orderBy: { submittedAt: "asc" } });
    expect(history.map((h) => h.status)).toEqual(["RETURNED", "SIGNED_OFF"]);
    expect(await reasonsOf(person.id)).not.toMatch(/sign-off|returned/i);
    // Signed off: nothing more to submit.
    expect((await submit(cookie)).status).toBe(409);
  });

  it("hides someone else's team member (404), never lets a person review their own task, and lets HR sign off for anyone", async () => {
    const { person, cookie } = await learner();
    await submit(cookie);
    const id = (await latest(person.id)).id;
    const outsider = await createTestPerson({ role: "MANAGER" });
    const outsiderCookie = (await signedInCookie(outsider.id)).cookie;
    expect(
      (await outcomeOf(reviewLoader({ request: makeRequest(`/practice/${id}`, { cookie: outsiderCookie }), params: { submissionId: id }, ...ctx }))).status,
    ).toBe(404);
    expect((await review(outsiderCookie, id, { decision: "sign-off" })).status).toBe(404);
    const learnerRefused = await review(cookie, id, { decision: "sign-off" });
    expect(learnerRefused.status).toBe(403);

    const hrSelf = await createTestPerson({ role: "HR" });
    await assignPeople(curriculumId, [hrSelf.email], { actor: hr, ip: null });
    const hrSelfCookie = (await signedInCookie(hrSelf.id)).cookie;
    await submit(hrSelfCookie);
    const own = (await latest(hrSelf.id)).id;
    expect((await review(hrSelfCookie, own, { decision: "sign-off" })).status).toBe(404);
    expect((await latest(hrSelf.id)).status).toBe("WAITING");

    expect(having((await review(hrCookie, id, { decision: "sign-off", criteria: ["9"] })).data, "fieldErrors").fieldErrors.criteria).toMatch(/criteria listed/);
    expect((await review(hrCookie, id, { decision: "sign-off", criteria: ["0"] })).data).toMatchObject({ ok: true });
    expect((await latest(person.id)).reviewerName).toBe("Hana HR");
  });

  it("lists people without a manager for HR, and sign-offs waiting over a week by manager", async () => {
    const { person, cookie } = await learner(null);
    await submit(cookie, { note: "<img src=x onerror=alert(1)>", link: "javascript:alert(1)" });
    expect(await prisma.practiceSubmission.count({ where: { personId: person.id } })).toBe(0);
    expect((await submit(cookie, { note: "<img src=x onerror=alert(1)>" })).status).toBe(200);
    expect((await latest(person.id)).note).toBe("<img src=x onerror=alert(1)>");
    expect((await signOffQueue(hr)).map((q) => q.person.id)).toContain(person.id);
    expect((await signOffQueue(hr)).every((q) => q.person.managerName === null)).toBe(true);

    const { person: slow, cookie: slowCookie } = await learner();
    await submit(slowCookie);
    await prisma.practiceSubmission.updateMany({ where: { personId: slow.id }, data: { submittedAt: new Date(Date.now() - 9 * 86_400_000) } });
    const stale = await staleSignOffs();
    expect(stale.find((s) => s.manager === "Mo Manager")).toMatchObject({ waiting: 1 });
  });
});
