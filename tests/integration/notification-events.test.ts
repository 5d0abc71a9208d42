import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import { addAssignmentRule, assignPeople, unassignPerson } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { prisma } from "~/.server/db";
import { answerFeedback } from "~/.server/feedback/replies";
import { updatePerson } from "~/.server/people/people";
import { reviewPractice, submitPractice } from "~/.server/practice/submissions";
import { postStory } from "~/.server/stories/post";
import type { NotificationKind } from "~/utils/notification-kinds";
import { createTestPerson } from "../factories";

type Person = Awaited<ReturnType<typeof createTestPerson>>;
const SLUG = "internal-customer-service";
const course = () => getCourse(SLUG)!;
const practiceLesson = () => course().lessons.find((l) => l.completion === "signoff")!;
const at = (iso: string) => new Date(iso);

let hr: Person;
let manager: Person;
const ctx = () => ({ actor: hr, ip: null });

beforeAll(async () => {
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  manager = await createTestPerson({ role: "MANAGER", name: "Mo Manager" });
});

const notificationsOf = (personId: string, kind: NotificationKind) =>
  prisma.notification.findMany({ where: { personId, kind }, orderBy: { createdAt: "asc" } });

/** The person turns one kind off in the app (the bell). */
const optOut = (personId: string, kind: NotificationKind) => prisma.notificationPreference.create({ data: { personId, kind, channel: "app", enabled: false } });

async function curriculum(name: string) {
  // Created before anyone receives it: the due date counts from the day each person is assigned.
  const { id } = await createCurriculum(
    { name, description: "", inOrder: false, dueRule: { kind: "days", days: 30 }, courses: [{ slug: SLUG, required: true, dueRule: null }] },
    ctx(),
    at("2026-10-01T09:00:00Z"),
  );
  return id;
}

describe("curriculum assigned", () => {
  it("tells each person the curriculum and its courses with their own due dates, once per assignment", async () => {
    const id = await curriculum("Welcome aboard");
    const [ann, bo] = [await createTestPerson({ name: "Ann Learner" }), await createTestPerson({ name: "Bo Learner" })];
    await assignPeople(id, [ann.email, bo.email], ctx(), at("2026-11-10T09:00:00Z"));

    const [message] = await notificationsOf(ann.id, "curriculum_assigned");
    expect(message).toMatchObject({ title: "New for you: Welcome aboard", link: "/learn" });
    expect(message!.body).toContain("Hana HR assigned the curriculum “Welcome aboard”.");
    // Assigned 10 Nov, after the start date (1 Nov): 30 days from the day they received it.
    expect(message!.body).toContain(`• ${course().title} (due 10 Dec)`);
    expect(await notificationsOf(bo.id, "curriculum_assigned")).toHaveLength(1);

    // The same request again assigns nobody new and tells nobody again.
    await assignPeople(id, [ann.email], ctx(), at("2026-11-10T09:05:00Z"));
    expect(await notificationsOf(ann.id, "curriculum_assigned")).toHaveLength(1);

    // Unassigned and assigned again: a new assignment, a new message.
    await unassignPerson(id, ann.id, ctx(), at("2026-11-12T09:00:00Z"));
    await assignPeople(id, [ann.email], ctx(), at("2026-11-13T09:00:00Z"));
    expect(await notificationsOf(ann.id, "curriculum_assigned")).toHaveLength(2);
  });

  it("tells people a new rule gives it to, not those who already held it, and those who move into the group later", async () => {
    const id = await curriculum("Dock safety");
    const [direct, viaRule, later] = [
      await createTestPerson({ department: "Dock" }),
      await createTestPerson({ department: "Dock" }),
      await createTestPerson({ department: "Office" }),
    ];
    await assignPeople(id, [direct.email], ctx(), at("2026-11-10T09:00:00Z"));
    expect((await addAssignmentRule(id, { kind: "DEPARTMENT", value: "Dock" }, ctx(), at("2026-11-11T09:00:00Z"))).ok).toBe(true);

    expect(await notificationsOf(direct.id, "curriculum_assigned")).toHaveLength(1);
    const [ruled] = await notificationsOf(viaRule.id, "curriculum_assigned");
    expect(ruled).toMatchObject({ title: "New for you: Dock safety" });
    expect(ruled!.body).toContain("(due 11 Dec)");

    expect(await notificationsOf(later.id, "curriculum_assigned")).toHaveLength(0);
    await updatePerson(
      later.id,
      { email: later.email, name: later.name, role: "LEARNER", department: "Dock", startDate: later.startDate ?? undefined },
      ctx(),
      at("2026-11-15T09:00:00Z"),
    );
    expect(await notificationsOf(later.id, "curriculum_assigned")).toHaveLength(1);
    // Already holding it through the rule: a direct assignment has nothing new to say.
    await assignPeople(id, [viaRule.email], ctx(), at("2026-11-16T09:00:00Z"));
    expect(await notificationsOf(viaRule.id, "curriculum_assigned")).toHaveLength(1);
  });

  it("sends nothing to someone who turned it off", async () => {
    const id = await curriculum("Quiet one");
    const quiet = await createTestPerson();
    await optOut(quiet.id, "curriculum_assigned");
    await assignPeople(id, [quiet.email], ctx(), at("2026-11-10T09:00:00Z"));
    expect(await notificationsOf(quiet.id, "curriculum_assigned")).toHaveLength(0);
  });
});

describe("practice submitted and reviewed", () => {
  const submit = (person: Person, now: Date) =>
    submitPractice({ personId: person.id, personEmail: person.email, course: course(), lesson: practiceLesson(), note: "Did it with Jo.", link: "" }, now);
  const review = (submissionId: string, fields: Record<string, string>, now: Date) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return reviewPractice({ ...manager, role: "MANAGER" }, submissionId, form, now);
  };
  const latest = (personId: string) => prisma.practiceSubmission.findFirstOrThrow({ where: { personId }, orderBy: { submittedAt: "desc" } });

  it("tells the learner's manager once per submission, and the learner of each review with the notes", async () => {
    const learner = await createTestPerson({ name: "Pat Practice", managerId: manager.id });
    expect(await submit(learner, at("2026-11-10T09:00:00Z"))).toEqual({ kind: "submitted" });
    expect(await submit(learner, at("2026-11-10T09:01:00Z"))).toEqual({ kind: "already-waiting" });
    const first = await latest(learner.id);
    const asked = (await notificationsOf(manager.id, "practice_submitted")).filter((n) => n.key.includes(first.id));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ title: "Pat Practice asks for your sign-off", link: `/practice/${first.id}` });
    expect(asked[0]!.body).toContain(practiceLesson().practice!.title);
    expect(await notificationsOf(learner.id, "practice_submitted")).toHaveLength(0);

    expect(await review(first.id, { decision: "return", comment: "Add the deadline." }, at("2026-11-11T09:00:00Z"))).toEqual({ kind: "returned" });
    expect(await review(first.id, { decision: "return", comment: "Again." }, at("2026-11-11T09:01:00Z"))).toEqual({ kind: "already-reviewed" });
    const [returned] = await notificationsOf(learner.id, "practice_reviewed");
    expect(await notificationsOf(learner.id, "practice_reviewed")).toHaveLength(1);
    expect(returned).toMatchObject({ title: `Returned with notes: ${practiceLesson().practice!.title}`, link: `/learn/${SLUG}/${practiceLesson().slug}` });
    expect(returned!.body).toContain("Mo Manager returned your practice");
    expect(returned!.body).toContain("“Add the deadline.”");

    await submit(learner, at("2026-11-12T09:00:00Z"));
    const second = await latest(learner.id);
    expect((await notificationsOf(manager.id, "practice_submitted")).filter((n) => n.key.includes(second.id))).toHaveLength(1);
    expect(await review(second.id, { decision: "sign-off", comment: "" }, at("2026-11-13T09:00:00Z"))).toEqual({ kind: "signed-off" });
    const reviewed = await notificationsOf(learner.id, "practice_reviewed");
    expect(reviewed).toHaveLength(2);
    expect(reviewed[1]).toMatchObject({ title: `Signed off: ${practiceLesson().practice!.title}` });
    expect(reviewed[1]!.body).toBe(`Mo Manager signed off your practice “${practiceLesson().practice!.title}”.`); // no comment, no notes line
  });

  it("tells nobody when the learner has no manager (HR's queue shows it), and nothing to people who turned it off", async () => {
    const before = await prisma.notification.count({ where: { kind: "practice_submitted" } });
    const alone = await createTestPerson();
    await submit(alone, at("2026-11-10T09:00:00Z"));
    expect(await prisma.notification.count({ where: { kind: "practice_submitted" } })).toBe(before);

    const quietManager = await createTestPerson({ role: "MANAGER" });
    const learner = await createTestPerson({ managerId: quietManager.id });
    await optOut(quietManager.id, "practice_submitted");
    await optOut(learner.id, "practice_reviewed");
    await submit(learner, at("2026-11-10T09:00:00Z"));
    const form = new FormData();
    form.set("decision", "sign-off");
    expect(await reviewPractice({ ...quietManager, role: "MANAGER" }, (await latest(learner.id)).id, form, at("2026-11-11T09:00:00Z"))).toEqual({
      kind: "signed-off",
    });
    expect(await notificationsOf(quietManager.id, "practice_submitted")).toHaveLength(0);
    expect(await notificationsOf(learner.id, "practice_reviewed")).toHaveLength(0);
  });
});

describe("a reply to your feedback", () => {
  const comment = (personId: string | null, text = "More examples, please.") =>
    prisma.lessonFeedback.create({
      data: { personId, courseSlug: SLUG, lessonSlug: course().lessons[0]!.slug, rating: 3, comment: text, anonymous: personId === null },
    });
  const answer = (feedbackId: string, status: "PLANNED" | "CHANGED" | "DECLINED", reply: string | undefined, now = at("2026-11-10T09:00:00Z")) =>
    answerFeedback({ ...hr, role: "HR" }, SLUG, { feedbackId, status, reply }, { ip: null }, now);

  it("tells the author once their reply can be read, once per status", async () => {
    const author = await createTestPerson({ name: "Fay Feedback" });
    const row = await comment(author.id);
    expect(await answer(row.id, "PLANNED", "On the list.")).toMatchObject({ kind: "saved" });
    expect(await notificationsOf(author.id, "feedback_reply")).toHaveLength(0); // a planned reply is not shown to the author

    expect(await answer(row.id, "CHANGED", "Added two examples.")).toMatchObject({ kind: "saved" });
    expect(await answer(row.id, "CHANGED", "Added two examples.")).toEqual({ kind: "unchanged" });
    expect(await answer(row.id, "CHANGED", "Added two worked examples.")).toMatchObject({ kind: "saved" }); // a correction
    const replies = await notificationsOf(author.id, "feedback_reply");
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ title: `A reply to your feedback on ${course().title}`, link: `/learn/${SLUG}` });
    expect(replies[0]!.body).toContain("Hana HR answered");
    expect(replies[0]!.body).toContain("“Added two examples.”");
  });

  it("tells nobody about anonymous feedback, and nothing to an author who turned it off", async () => {
    const before = await prisma.notification.count({ where: { kind: "feedback_reply" } });
    const anonymous = await comment(null);
    expect(await answer(anonymous.id, "DECLINED", "We keep it short on purpose.")).toMatchObject({ kind: "saved" });
    expect(await prisma.notification.count({ where: { kind: "feedback_reply" } })).toBe(before);

    const quiet = await createTestPerson();
    await optOut(quiet.id, "feedback_reply");
    const row = await comment(quiet.id);
    expect(await answer(row.id, "CHANGED", "Done.")).toMatchObject({ kind: "saved" });
    expect(await notificationsOf(quiet.id, "feedback_reply")).toHaveLength(0);
  });
});

describe("a story about you", () => {
  const post = (author: Person, subject: Person, text = "Stayed with a lost parcel until it was found.") =>
    postStory({ ...author, role: author.role }, { subject: subject.id, behaviour: "owned-it", text }, at("2026-11-10T09:00:00Z"));

  it("tells the colleague the story is about, once per story, and not its author", async () => {
    const [author, subject] = [await createTestPerson({ name: "Ada Author" }), await createTestPerson({ name: "Cleo Colleague" })];
    const out = await post(author, subject);
    expect(out.kind).toBe("done");
    const told = await notificationsOf(subject.id, "story_about_you");
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      title: "Ada Author shared a story about you",
      link: "/stories",
      key: `story_about_you:${out.kind === "done" ? out.storyId : ""}`,
    });
    expect(told[0]!.body).toContain("“Stayed with a lost parcel until it was found.”");
    expect(await notificationsOf(author.id, "story_about_you")).toHaveLength(0);

    // Writing about yourself is refused, so it tells nobody.
    expect((await post(author, author)).kind).toBe("invalid");
    expect(await notificationsOf(author.id, "story_about_you")).toHaveLength(0);
    await post(author, subject, "Covered my shift.");
    expect(await notificationsOf(subject.id, "story_about_you")).toHaveLength(2);
  });

  it("sends nothing to someone who turned it off", async () => {
    const [author, subject] = [await createTestPerson(), await createTestPerson()];
    await optOut(subject.id, "story_about_you");
    expect((await post(author, subject)).kind).toBe("done");
    expect(await notificationsOf(subject.id, "story_about_you")).toHaveLength(0);
  });
});
