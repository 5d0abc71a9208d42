import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import { prisma } from "~/.server/db";
import { lessonFeedbackFor } from "~/.server/feedback/lesson-feedback";
import { repliesFor } from "~/.server/feedback/replies";
import { finishLesson, openLesson } from "~/.server/progress/progress";
import { FeedbackReplies } from "~/components/feedback-replies";
import { action as feedbackPageAction, loader as feedbackPageLoader } from "~/routes/_app.feedback.$courseSlug";
import { loader as feedbackIndexLoader } from "~/routes/_app.feedback._index";
import { loader as coursePageLoader } from "~/routes/_app.learn.$courseSlug._index";
import { action as confidenceAction } from "~/routes/learn.$courseSlug.confidence";
import { action as lessonFeedbackAction } from "~/routes/learn.$courseSlug.$lessonSlug.feedback";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";

const ctx = { context: {} };
const SLUG = "internal-customer-service";
const MANAGERS_ONLY = "leading-a-service-culture";
const course = () => getCourse(SLUG)!;
const lesson = () => course().lessons[0]!.slug;
const MARKUP = `<script>alert("owned")</script><b>bold</b> & "quotes"`;

type Person = Awaited<ReturnType<typeof createTestPerson>>;
let owner: Person, hr: Person, otherManager: Person;
const cookies = new Map<string, string>();
const cookieOf = async (p: Person) => cookies.get(p.id) ?? cookies.set(p.id, (await signedInCookie(p.id)).cookie).get(p.id)!;

beforeAll(async () => {
  // The owner is whoever has the course front file's ownerEmail.
  owner = await createTestPerson({ email: course().ownerEmail!, role: "MANAGER", name: "Olive Owner" });
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  otherManager = await createTestPerson({ role: "MANAGER", name: "Otto Other" });
});

async function sendFeedback(person: Person, form: Record<string, string>, slug = SLUG, lessonSlug = lesson()) {
  const request = makeRequest(`/learn/${slug}/${lessonSlug}/feedback`, { cookie: await cookieOf(person), form });
  return outcomeOf(lessonFeedbackAction({ request, params: { courseSlug: slug, lessonSlug }, ...ctx }));
}

const feedbackPage = async (person: Person, slug = SLUG) =>
  outcomeOf(feedbackPageLoader({ request: makeRequest(`/feedback/${slug}`, { cookie: await cookieOf(person) }), params: { courseSlug: slug }, ...ctx }));

async function answer(person: Person, form: Record<string, string>, slug = SLUG) {
  const request = makeRequest(`/feedback/${slug}`, { cookie: await cookieOf(person), form });
  return outcomeOf(feedbackPageAction({ request, params: { courseSlug: slug }, ...ctx }));
}

const coursePage = async (person: Person, slug = SLUG) =>
  outcomeOf(coursePageLoader({ request: makeRequest(`/learn/${slug}`, { cookie: await cookieOf(person) }), params: { courseSlug: slug }, ...ctx }));

const rowsOf = (personId: string) => prisma.lessonFeedback.findMany({ where: { personId } });

describe("feedback at the end of a lesson", () => {
  it("stores a named rating and comment, and a second one updates the first", async () => {
    const learner = await createTestPerson();
    expect(await sendFeedback(learner, { rating: "3", comment: "More examples, please." })).toMatchObject({
      status: 200,
      data: { ok: true, anonymous: false },
    });
    expect(await sendFeedback(learner, { rating: "5", comment: "Much better with the second read." })).toMatchObject({ status: 200, data: { ok: true } });
    const rows = await rowsOf(learner.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 5, comment: "Much better with the second read.", anonymous: false, status: "NEW" });
    expect(await lessonFeedbackFor(learner.id, SLUG, lesson())).toEqual({ rating: 5, comment: "Much better with the second read." });
  });

  it("stores anonymous feedback with no person id, no audit event and nothing that names the learner", async () => {
    const learner = await createTestPerson({ name: "Anya Nonymous" });
    const auditBefore = await prisma.auditEvent.count();
    const sent = await sendFeedback(learner, { rating: "2", comment: "Anonymous: the video did not load.", anonymous: "on" });
    expect(sent).toMatchObject({ status: 200, data: { ok: true, anonymous: true } });
    const row = await prisma.lessonFeedback.findFirstOrThrow({ where: { comment: "Anonymous: the video did not load." } });
    expect(row).toMatchObject({ personId: null, anonymous: true, rating: 2, repliedById: null });
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
    const traces = await prisma.auditEvent.findMany({
      where: {
        OR: [
          { actorId: learner.id },
          { actorEmail: learner.email },
          { details: { contains: learner.id } },
          { target: { contains: row.id } },
          { details: { contains: row.id } },
        ],
      },
    });
    expect(traces).toEqual([]);
    // Not the learner's own feedback either: the form does not show it back to them.
    expect(await lessonFeedbackFor(learner.id, SLUG, lesson())).toBeNull();
  });

  it("refuses a comment over 1,000 characters or a missing rating with a field error, writing nothing", async () => {
    const learner = await createTestPerson();
    expect(await sendFeedback(learner, { rating: "4", comment: "x".repeat(1001) })).toMatchObject({
      status: 400,
      data: { ok: false, errors: { comment: "Keep it to 1,000 characters or fewer." } },
    });
    expect(await sendFeedback(learner, { rating: "", comment: "Fine." })).toMatchObject({
      status: 400,
      data: { errors: { rating: expect.stringMatching(/from 1 to 5/) } },
    });
    expect(await sendFeedback(learner, { rating: "9", anonymous: "on" })).toMatchObject({ status: 400 });
    expect(await rowsOf(learner.id)).toEqual([]);
    expect(await prisma.lessonFeedback.count({ where: { comment: "x".repeat(1001) } })).toBe(0);
  });

  it("answers 404 for a course the learner cannot open or a lesson that does not exist", async () => {
    const learner = await createTestPerson();
    const managersOnly = getCourse(MANAGERS_ONLY)!;
    expect(await sendFeedback(learner, { rating: "4" }, MANAGERS_ONLY, managersOnly.lessons[0]!.slug)).toMatchObject({ status: 404, thrown: true });
    expect(await sendFeedback(learner, { rating: "4" }, SLUG, "no-such-lesson")).toMatchObject({ status: 404, thrown: true });
    expect(await sendFeedback(learner, { rating: "4" }, "no-such-course", "intro")).toMatchObject({ status: 404, thrown: true });
    expect(await rowsOf(learner.id)).toEqual([]);
  });

  it("sends a browser without JavaScript back to the lesson, which then says thanks", async () => {
    const learner = await createTestPerson();
    const sent = await sendFeedback(learner, { rating: "4", noscript: "1" });
    expect(sent.status).toBe(302);
    expect(sent.location).toBe(`/learn/${SLUG}/${lesson()}?thanks=lesson-feedback#lesson-feedback`);
    expect(await rowsOf(learner.id)).toHaveLength(1);
  });
});

describe("the course's Feedback page", () => {
  it("is open to the course owner and HR, and not found for a learner or another manager", async () => {
    const learner = await createTestPerson();
    expect((await feedbackPage(owner)).status).toBe(200);
    expect((await feedbackPage(hr)).status).toBe(200);
    expect(await feedbackPage(learner)).toMatchObject({ status: 404, thrown: true });
    expect(await feedbackPage(otherManager)).toMatchObject({ status: 404, thrown: true });
    // The owner does not read other courses' feedback; HR does.
    expect(await feedbackPage(owner, MANAGERS_ONLY)).toMatchObject({ status: 404 });
    expect((await feedbackPage(hr, MANAGERS_ONLY)).status).toBe(200);
    const index = (p: Person) => outcomeOf(feedbackIndexLoader({ request: makeRequest("/feedback", { cookie: cookies.get(p.id) }), params: {}, ...ctx }));
    expect((await index(owner)).data.courses.map((c: { slug: string }) => c.slug)).toContain(SLUG);
    expect((await index(owner)).data.courses.map((c: { slug: string }) => c.slug)).not.toContain(MANAGERS_ONLY);
    expect(await index(otherManager)).toMatchObject({ status: 404 });
  });

  it("lets the owner mark a named comment changed with a reply, audited, and the author then sees it", async () => {
    const learner = await createTestPerson({ name: "Nadia Named" });
    await sendFeedback(learner, { rating: "2", comment: MARKUP });
    const row = (await rowsOf(learner.id))[0]!;
    expect(row.comment).toBe(MARKUP);

    const page = await feedbackPage(owner);
    const shown = page.data.comments.find((c: { id: string }) => c.id === row.id);
    expect(shown).toMatchObject({ author: "Nadia Named", comment: MARKUP, status: "NEW", rating: 2 });
    expect(page.data.lessons[0]).toMatchObject({ slug: lesson(), all: { count: expect.any(Number) } });

    expect(await answer(owner, { feedbackId: row.id, status: "PLANNED", reply: "" })).toMatchObject({
      status: 200,
      data: { ok: true, message: "Saved: Planned." },
    });
    expect(await repliesFor(learner.id)).toEqual([]);
    const changed = await answer(owner, { feedbackId: row.id, status: "CHANGED", reply: `We split the lesson in two. ${MARKUP}` });
    expect(changed).toMatchObject({ status: 200, data: { ok: true, feedbackId: row.id } });

    const audit = await prisma.auditEvent.findMany({ where: { action: "feedback.answered", actorId: owner.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => JSON.parse(a.details!))).toEqual([
      { feedbackId: row.id, from: "NEW", to: "PLANNED" },
      { feedbackId: row.id, from: "PLANNED", to: "CHANGED", reply: `We split the lesson in two. ${MARKUP}` },
    ]);
    expect(audit.every((a) => !a.details!.includes(learner.id))).toBe(true);

    const replies = await repliesFor(learner.id);
    expect(replies).toMatchObject([
      {
        id: row.id,
        comment: MARKUP,
        status: "CHANGED",
        reply: `We split the lesson in two. ${MARKUP}`,
        repliedByName: "Olive Owner",
        courseTitle: course().title,
      },
    ]);
    // Rendered as text, never as markup.
    const html = renderToStaticMarkup(createElement(FeedbackReplies, { replies }));
    expect(html).toContain("You said “&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;”");
    expect(html).toContain("we changed:");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>bold");

    // A new comment after the answer starts a fresh one; the answered one stays as it was answered.
    await sendFeedback(learner, { rating: "4", comment: "Better now, thanks." });
    const rows = await prisma.lessonFeedback.findMany({ where: { personId: learner.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.comment, r.rating, r.status])).toEqual([
      [MARKUP, null, "CHANGED"],
      ["Better now, thanks.", 4, "NEW"],
    ]);
  });

  it("lets HR decline with a reason, and refuses a decline without one or an over-long reply", async () => {
    const learner = await createTestPerson();
    await sendFeedback(learner, { rating: "1", comment: "Make the quiz optional." });
    const row = (await rowsOf(learner.id))[0]!;
    expect(await answer(hr, { feedbackId: row.id, status: "DECLINED", reply: "" })).toMatchObject({
      status: 400,
      data: { ok: false, feedbackId: row.id, errors: { reply: "Say why you decided not to change it." } },
    });
    expect(await answer(hr, { feedbackId: row.id, status: "DECLINED", reply: "y".repeat(1001) })).toMatchObject({
      status: 400,
      data: { errors: { reply: expect.stringMatching(/1,000/) } },
    });
    expect((await prisma.lessonFeedback.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("NEW");
    expect(await answer(hr, { feedbackId: row.id, status: "DECLINED", reply: "the quiz is how we know the hand-off is understood." })).toMatchObject({
      status: 200,
    });
    expect(await repliesFor(learner.id)).toMatchObject([{ status: "DECLINED", repliedByName: "Hana HR" }]);
  });

  it("does not let a learner or another manager answer, nor the owner answer a comment on another course", async () => {
    const learner = await createTestPerson();
    await sendFeedback(learner, { rating: "3", comment: "Please answer me." });
    const row = (await rowsOf(learner.id))[0]!;
    const form = { feedbackId: row.id, status: "CHANGED", reply: "Sneaky." };
    expect(await answer(learner, form)).toMatchObject({ status: 404, thrown: true });
    expect(await answer(otherManager, form)).toMatchObject({ status: 404, thrown: true });
    expect(await answer(owner, form, MANAGERS_ONLY)).toMatchObject({ status: 404, thrown: true });
    expect(await answer(hr, form, MANAGERS_ONLY)).toMatchObject({ status: 404, thrown: true });
    expect(await prisma.lessonFeedback.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "NEW", reply: null });
  });
});

describe("anonymous comments with a reply", () => {
  it("show on the course page to learners who have started the course, without a name", async () => {
    const author = await createTestPerson();
    await sendFeedback(author, { rating: "2", comment: `Anonymous ${MARKUP}`, anonymous: "on" });
    const row = await prisma.lessonFeedback.findFirstOrThrow({ where: { comment: `Anonymous ${MARKUP}` } });
    expect((await feedbackPage(owner)).data.comments.find((c: { id: string }) => c.id === row.id)).toMatchObject({ author: null });
    await answer(owner, { feedbackId: row.id, status: "CHANGED", reply: "Shorter now." });

    const started = await createTestPerson();
    await openLesson({ personId: started.id, courseSlug: SLUG, lessonSlug: lesson(), courseVersion: course().version });
    const answered = (await coursePage(started)).data.feedback.answered;
    expect(answered).toContainEqual(expect.objectContaining({ id: row.id, comment: `Anonymous ${MARKUP}`, reply: "Shorter now.", status: "CHANGED" }));
    expect(JSON.stringify(answered)).not.toContain(author.id);
    const fresh = await createTestPerson();
    expect((await coursePage(fresh)).data.feedback.answered).toEqual([]);
  });
});

describe("confidence before and after a course", () => {
  const send = async (person: Person, form: Record<string, string>) =>
    outcomeOf(
      confidenceAction({ request: makeRequest(`/learn/${SLUG}/confidence`, { cookie: await cookieOf(person), form }), params: { courseSlug: SLUG }, ...ctx }),
    );

  it("asks before the start and after the finish, once each", async () => {
    const learner = await createTestPerson();
    expect((await coursePage(learner)).data.feedback.confidence).toEqual({ moment: "BEFORE", question: course().confidence });
    expect(await send(learner, { moment: "AFTER", value: "5" })).toMatchObject({ status: 409 });
    expect(await send(learner, { moment: "BEFORE", value: "0" })).toMatchObject({ status: 400, data: { errors: { value: expect.any(String) } } });
    expect(await send(learner, { moment: "BEFORE", value: "2" })).toMatchObject({ status: 200, data: { ok: true } });
    expect(await send(learner, { moment: "BEFORE", value: "4" })).toMatchObject({ status: 409 });
    expect((await coursePage(learner)).data.feedback.confidence).toBeNull();

    for (const l of course().lessons) await finishLesson({ personId: learner.id, courseSlug: SLUG, lessonSlug: l.slug, courseVersion: course().version });
    expect((await coursePage(learner)).data.feedback.confidence).toEqual({ moment: "AFTER", question: course().confidence });
    expect(await send(learner, { moment: "AFTER", value: "4" })).toMatchObject({ status: 200 });
    const rows = await prisma.courseConfidence.findMany({ where: { personId: learner.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.moment, r.value])).toEqual([
      ["BEFORE", 2],
      ["AFTER", 4],
    ]);
    expect((await feedbackPage(hr)).data.confidence).toMatchObject({ gain: { average: 2, count: 1 } });
  });

  it("is not found for a course the learner cannot open", async () => {
    const learner = await createTestPerson();
    const request = makeRequest(`/learn/${MANAGERS_ONLY}/confidence`, { cookie: await cookieOf(learner), form: { moment: "BEFORE", value: "3" } });
    expect(await outcomeOf(confidenceAction({ request, params: { courseSlug: MANAGERS_ONLY }, ...ctx }))).toMatchObject({ status: 404 });
    expect(await prisma.courseConfidence.count({ where: { personId: learner.id } })).toBe(0);
  });
});
