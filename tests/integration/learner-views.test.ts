// Learner views are cached per person (docs/decisions/014). After every kind of write that changes what a
// learner page shows, the cached pages must equal pages computed from scratch, and must show the write.
import { offeredTo } from "~/.server/content/offered";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { readSession } from "~/.server/auth/session-read";
import { getCatalog } from "~/.server/content/catalog";
import { assignPeople, unassignPerson } from "~/.server/curricula/assignments";
import { createCurriculum, updateCurriculum } from "~/.server/curricula/curricula";
import type { CurriculumInput } from "~/.server/curricula/schema";
import { prisma } from "~/.server/db";
import { readThroughPrisma } from "~/.server/prepared";
import { finishLesson } from "~/.server/progress/progress";
import { clearViews, viewKey } from "~/.server/views/cache";
import { loader as appLoader } from "~/routes/_app";
import { action as lessonAction, loader as lessonLoader } from "~/routes/_app.learn.$courseSlug.$lessonSlug";
import { loader as courseLoader } from "~/routes/_app.learn.$courseSlug._index";
import { loader as learnLoader } from "~/routes/_app.learn._index";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { tablesWithColumn, triggerNames, writeFromAnotherConnection } from "./helpers/database";

const COURSE = "internal-customer-service";
const first = () => getCatalog().courses.find((c) => c.slug === COURSE)!;
// The course with a view lesson and a quiz first, then two more: an in-order curriculum.
const courses = () => [first(), ...getCatalog().courses.filter((c) => c.slug !== COURSE && offeredTo(c, "LEARNER"))];
const quizLesson = () => first().lessons.find((l) => l.completion === "quiz")!;
const viewLesson = () => first().lessons.find((l) => l.completion === "view")!;

let learner: { id: string; email: string };
let hr: { id: string; email: string };
let cookie: string;
let curriculumId: string;
let ctx: { actor: { id: string; email: string }; ip: null };

const curriculum = (name: string): CurriculumInput => ({
  name,
  description: "First weeks",
  inOrder: true,
  graceDays: 3,
  dueRule: { kind: "days", days: 30 },
  courses: courses()
    .slice(0, 3)
    .map((c) => ({ slug: c.slug, required: true, dueRule: null })),
});

async function lessonPage(slug: string) {
  const path = `/learn/${first().slug}/${slug}`;
  return (await outcomeOf(lessonLoader({ request: makeRequest(path, { cookie }), params: { courseSlug: first().slug, lessonSlug: slug }, context: {} }))).data;
}

/** Every learner page the cache serves, as the loaders return them. */
async function pages() {
  const get = async <R>(loader: (args: LoaderFunctionArgs) => Promise<R>, path: string, params: Record<string, string> = {}) =>
    (await outcomeOf(loader({ request: makeRequest(path, { cookie }), params, context: {} }))).data;
  return {
    nav: await get(appLoader, "/learn"),
    learning: await get(learnLoader, "/learn"),
    course: await get(courseLoader, `/learn/${first().slug}`, { courseSlug: first().slug }),
    lesson: await lessonPage(viewLesson().slug),
    quiz: await lessonPage(quizLesson().slug),
  };
}

/** The cached pages equal the pages computed from scratch; returns them. */
async function cachedEqualsFresh() {
  const cached = await pages();
  clearViews();
  const fresh = await pages();
  expect(cached).toEqual(fresh);
  return fresh;
}

beforeAll(async () => {
  const manager = await createTestPerson({ role: "MANAGER" });
  hr = await createTestPerson({ role: "HR" });
  learner = await createTestPerson({ role: "LEARNER", managerId: manager.id });
  cookie = (await signedInCookie(learner.id)).cookie;
  ctx = { actor: { id: hr.id, email: hr.email }, ip: null };
  curriculumId = (await createCurriculum(curriculum("Onboarding"), ctx)).id;
  await assignPeople(curriculumId, [learner.email], ctx);
});

describe("cached learner pages after each kind of write", () => {
  const writes: [string, () => Promise<unknown>][] = [
    [
      "a lesson completed",
      () => finishLesson({ personId: learner.id, courseSlug: first().slug, lessonSlug: viewLesson().slug, courseVersion: first().version }),
    ],
    [
      "a quiz attempt started on the page",
      async () => {
        const slug = quizLesson().slug;
        const request = makeRequest(`/learn/${first().slug}/${slug}`, { cookie, form: { intent: "start-quiz", attempt: "1" } });
        const out = await outcomeOf(lessonAction({ request, params: { courseSlug: first().slug, lessonSlug: slug }, context: {} }));
        expect(out.data).toMatchObject({ ok: true, kind: "started" });
      },
    ],
    ["the curriculum renamed by HR", () => updateCurriculum(curriculumId, curriculum("Onboarding, renamed"), ctx)],
    [
      "a notification",
      () =>
        prisma.notification.create({
          data: { personId: learner.id, kind: "practice_reviewed", key: `t-${Math.random()}`, title: "Hello", body: "Body", createdAt: new Date() },
        }),
    ],
    [
      "a story about them",
      () => prisma.serviceStory.create({ data: { authorId: hr.id, subjectId: learner.id, behaviour: "listens", text: "Listened to a colleague well." } }),
    ],
    [
      "a reply to their feedback",
      () =>
        prisma.lessonFeedback.create({
          data: {
            personId: learner.id,
            courseSlug: first().slug,
            lessonSlug: viewLesson().slug,
            comment: "More examples?",
            status: "CHANGED",
            reply: "Added two.",
            repliedAt: new Date(),
            repliedByName: "Course owner",
          },
        }),
    ],
    ["their start date moved", () => prisma.person.update({ where: { id: learner.id }, data: { startDate: new Date("2027-01-15T00:00:00Z") } })],
    ["unassigned from the curriculum", () => unassignPerson(curriculumId, learner.id, ctx)],
  ];

  it.each(writes)("%s: the pages show it, cached or not", async (_label, write) => {
    const before = await cachedEqualsFresh();
    await write();
    const after = await cachedEqualsFresh();
    expect(after).not.toEqual(before);
  });

  it("a write from another process (another connection) reaches this process's cached pages", async () => {
    const before = await cachedEqualsFresh();
    await writeFromAnotherConnection(
      `INSERT INTO "Notification" ("id", "personId", "kind", "key", "title", "body", "createdAt") VALUES ($1, $2, 'practice_reviewed', $3, 'From elsewhere', 'Body', $4)`,
      [`n-${Date.now()}`, learner.id, `other-${Date.now()}`, new Date()],
    );
    const after = await cachedEqualsFresh();
    expect(after.nav.viewer.unread).toBe(before.nav.viewer.unread + 1);
  });
});

describe("what the views are keyed by", () => {
  it("changes with the person's rows, everyone's rows and the day", async () => {
    const session = (await readSession((await prisma.session.findFirstOrThrow({ where: { personId: learner.id } })).id))!;
    const now = new Date("2026-11-24T10:00:00Z");
    const key = viewKey(session, now);
    expect(viewKey(session, new Date("2026-11-24T23:59:59Z"))).toBe(key);
    expect(viewKey(session, new Date("2026-11-25T00:00:00Z"))).not.toBe(key);
    expect(viewKey({ ...session, versions: { ...session.versions, person: session.versions.person + 1 } }, now)).not.toBe(key);
    expect(viewKey({ ...session, versions: { ...session.versions, everyone: session.versions.everyone + 1 } }, now)).not.toBe(key);
    expect(viewKey({ ...session, person: { ...session.person, role: "MANAGER" } }, now)).not.toBe(key);
  });

  it("every table with a person's rows bumps their version, or is listed as not shown on learner pages", async () => {
    const tables = await tablesWithColumn("personId");
    const triggers = await triggerNames();
    // Rows no learner page shows: sign-in machinery, HR's derived report, e-mail delivery, preferences (account page),
    // identity-provider links.
    const notShown = new Set([
      "Session",
      "TrustedDevice",
      "Invitation",
      "ReadinessSummary",
      "ReadinessCurriculum",
      "ReadinessCourse",
      "ReadinessEvent",
      "OutboxMessage",
      "NotificationPreference",
      "IdentityLink",
    ]);
    const missing = tables.filter((t) => !notShown.has(t) && !["insert", "update", "delete"].every((op) => triggers.has(`${t}_view_${op}`)));
    expect(missing).toEqual([]);
  });

  it("a bump is one more, in the writing transaction: a rolled-back write changes no version", async () => {
    const version = async () => (await prisma.person.findUniqueOrThrow({ where: { id: learner.id }, select: { viewVersion: true } })).viewVersion;
    const start = await version();
    await prisma
      .$transaction(async (tx) => {
        await tx.reflectionNote.create({ data: { personId: learner.id, courseSlug: "x", lessonSlug: "y", reflectionId: "z", text: "t" } });
        throw new Error("roll back");
      })
      .catch(() => null);
    expect(await version()).toBe(start);
    await prisma.reflectionNote.create({ data: { personId: learner.id, courseSlug: "x", lessonSlug: "y", reflectionId: "z", text: "t" } });
    expect(await version()).toBe(start + 1);
  });
});

describe("the prepared session read", () => {
  it("returns what Prisma returns, on its own SQLite connection and through Prisma's raw query (the PostgreSQL path)", async () => {
    const { sessionId } = await signedInCookie(learner.id);
    const expected = await prisma.session.findUniqueOrThrow({
      where: { id: sessionId },
      select: {
        createdAt: true,
        expiresAt: true,
        person: {
          select: { id: true, email: true, name: true, role: true, department: true, jobTitle: true, startDate: true, deactivatedAt: true, managerId: true },
        },
      },
    });
    const own = await readSession(sessionId);
    readThroughPrisma(true);
    try {
      const viaPrisma = await readSession(sessionId);
      expect(viaPrisma).toEqual(own);
    } finally {
      readThroughPrisma(false);
    }
    expect(own).toMatchObject(expected);
    expect(await readSession("no-such-session")).toBeNull();
  });
});
