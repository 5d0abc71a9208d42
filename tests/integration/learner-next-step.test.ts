// The next step on My learning and the course page's header, as the loaders return them (issue 21).
import { beforeAll, describe, expect, it } from "vitest";
import { offeredTo } from "~/.server/content/offered";
import { getCatalog } from "~/.server/content/catalog";
import { assignPeople } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { startOfDayUTC } from "~/.server/curricula/due-dates";
import { orgSettings } from "~/.server/notifications/settings";
import { finishLesson } from "~/.server/progress/progress";
import { loader as courseLoader } from "~/routes/_app.learn.$courseSlug._index";
import { loader as learnLoader } from "~/routes/_app.learn._index";
import { calendarDay } from "~/utils/relative-date";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";

const DAY_MS = 24 * 60 * 60 * 1000;
const offered = () => getCatalog().courses.filter((c) => offeredTo(c, "LEARNER"));
const [required, optional] = [() => offered()[0]!, () => offered()[1]!];

let learner: { id: string; email: string };
let cookie: string;

const learning = async () => (await outcomeOf(learnLoader({ request: makeRequest("/learn", { cookie }), params: {}, context: {} }))).data;
const coursePage = async (slug: string) =>
  (await outcomeOf(courseLoader({ request: makeRequest(`/learn/${slug}`, { cookie }), params: { courseSlug: slug }, context: {} }))).data;

beforeAll(async () => {
  const hr = await createTestPerson({ role: "HR" });
  learner = await createTestPerson({ role: "LEARNER" });
  cookie = (await signedInCookie(learner.id)).cookie;
  const ctx = { actor: { id: hr.id, email: hr.email }, ip: null };
  const { id } = await createCurriculum(
    {
      name: "Onboarding",
      description: "",
      inOrder: false,
      graceDays: 0,
      dueRule: { kind: "days", days: 30 },
      courses: [
        { slug: optional().slug, required: false, dueRule: null },
        { slug: required().slug, required: true, dueRule: null },
      ],
    },
    ctx,
  );
  await assignPeople(id, [learner.email], ctx);
});

describe("the next step", () => {
  it("is the next lesson of the required course, named, and moves on when a lesson is done", async () => {
    const before = await learning();
    expect(before.next).toMatchObject({
      kind: "continue",
      course: { slug: required().slug, required: true },
      lesson: { slug: required().lessons[0]!.slug, title: required().lessons[0]!.title },
    });
    await finishLesson({ personId: learner.id, courseSlug: required().slug, lessonSlug: required().lessons[0]!.slug, courseVersion: required().version });
    const after = await learning();
    expect(after.next).toMatchObject({ kind: "continue", lesson: { slug: required().lessons[1]!.slug, title: required().lessons[1]!.title } });
  });

  it("comes with today's date in the organisation's time zone, for the words", async () => {
    expect((await learning()).today).toBe(calendarDay(new Date(), (await orgSettings()).timeZone));
  });
});

describe("the course page header", () => {
  it("says a required course is required and when it is due (30 days after it was assigned)", async () => {
    const page = await coursePage(required().slug);
    expect(page.assignment).toMatchObject({ required: true, waived: false, curricula: ["Onboarding"], overdue: false });
    expect(new Date(page.assignment.dueDate!).getTime()).toBe(startOfDayUTC(new Date()).getTime() + 30 * DAY_MS);
  });

  it("says an optional course is optional, with no due date, and a course outside every curriculum too", async () => {
    expect((await coursePage(optional().slug)).assignment).toMatchObject({ required: false, dueDate: null, curricula: ["Onboarding"] });
    expect((await coursePage(offered()[2]!.slug)).assignment).toMatchObject({ required: false, dueDate: null, curricula: [] });
  });
});
