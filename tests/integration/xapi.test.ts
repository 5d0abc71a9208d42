/**
 * xAPI statements against a test LRS on 127.0.0.1: Basic auth and the version header on every POST, the actor as an
 * account (never an e-mail), valid statements for what learners do, retries after a 503 with the same statement id,
 * 409 counted as stored, and HR's settings page with its test statement.
 */
import validateStatement from "@learninglocker/xapi-validation";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getCatalog } from "~/.server/content/catalog";
import { prisma } from "~/.server/db";
import { publishEvents, type IntegrationEvent } from "~/.server/integrations/events";
import { publicOrigin } from "~/.server/notifications/notify";
import { drainOutbox } from "~/.server/outbox/deliver";
import { finishLesson } from "~/.server/progress/progress";
import { updateLrsSettings } from "~/.server/xapi/settings";
import { action as xapiAction, loader as xapiLoader } from "~/routes/_app.hr.integrations.xapi";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { startReceiver, type Receiver } from "../helpers/http-receiver";

let lrs: Receiver;
let hr: { id: string; email: string; name: string };
let learner: { id: string; email: string };
const ctx = () => ({ actor: hr, ip: null });
const T0 = new Date("2026-11-24T09:00:00Z");

beforeAll(async () => {
  lrs = await startReceiver();
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  learner = await createTestPerson({ name: "Lena Learner" });
});
beforeEach(async () => {
  expect(await updateLrsSettings({ endpoint: `${lrs.url}/xapi/`, username: "baton-key", secret: "s3cret-value" }, ctx())).toEqual({ kind: "ok" });
});
afterEach(async () => {
  await prisma.outboxMessage.deleteMany({});
  lrs.clear();
});
afterAll(() => lrs.close());

const drain = (now = T0) => drainOutbox({ owner: "test", now: () => now });
const publish = (events: IntegrationEvent[], now = T0) => prisma.$transaction((tx) => publishEvents(tx, events, now));
const statements = () =>
  lrs.requests.map((r) => JSON.parse(r.body) as { id: string; actor: unknown; verb: { id: string }; object: { id: string }; result?: unknown });
const problems = (statement: unknown) => validateStatement(statement).map((w) => `${w.path.join(".")}: ${w.message}`);

describe("statements to the LRS", () => {
  it("go out for each completed lesson and the course, with Basic auth, the version header and the actor as an account", async () => {
    const course = getCatalog().courses[0]!;
    for (const lesson of course.lessons)
      await finishLesson({ personId: learner.id, courseSlug: course.slug, lessonSlug: lesson.slug, courseVersion: course.version });

    expect(await drain(new Date())).toEqual({ sent: course.lessons.length + 1, retrying: 0, failed: 0 });
    for (const r of lrs.requests) {
      expect(r).toMatchObject({ method: "POST", path: "/xapi/statements" });
      expect(r.headers["x-experience-api-version"]).toBe("1.0.3");
      expect(r.headers.authorization).toBe(`Basic ${Buffer.from("baton-key:s3cret-value").toString("base64")}`);
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.body).not.toContain(learner.email);
    }
    const sent = statements();
    for (const s of sent) {
      expect(problems(s)).toEqual([]);
      expect(s.actor).toEqual({ objectType: "Agent", account: { homePage: publicOrigin(), name: learner.id } });
    }
    const courseId = `${publicOrigin()}/xapi/activities/course/${course.slug}`;
    expect(sent.filter((s) => s.object.id === courseId).map((s) => s.verb.id)).toEqual(["http://adlnet.gov/expapi/verbs/completed"]);
    expect(sent.filter((s) => s.object.id.startsWith(`${courseId}/lesson/`))).toHaveLength(course.lessons.length);
    expect(new Set(sent.map((s) => s.id)).size).toBe(sent.length);
  });

  it("are retried after a 503 (honouring Retry-After) with the same statement id", async () => {
    lrs.answer({ status: 503, headers: { "retry-after": "120" } }, { status: 200 });
    await publish([{ type: "quiz.graded", personId: learner.id, courseSlug: "c", lessonSlug: "l", attemptId: "att-1", score: 55, passed: false }]);
    expect(await drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { channel: "xapi" } });
    expect(row.availableAt.getTime() - T0.getTime()).toBe(120_000);
    expect(await drain(new Date(T0.getTime() + 60_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await drain(new Date(T0.getTime() + 121_000))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [first, second] = statements();
    expect(second!.id).toBe(first!.id);
    expect(first).toMatchObject({
      verb: { id: "http://adlnet.gov/expapi/verbs/failed" },
      result: { success: false, score: { scaled: 0.55, raw: 55, min: 0, max: 100 } },
    });
    const attempts = await prisma.deliveryAttempt.findMany({ where: { messageId: row.id }, orderBy: { at: "asc" } });
    expect(attempts.map((a) => a.statusCode)).toEqual([503, 200]);
  });

  it("count a 409 (the LRS has this id already) as stored, and a 401 as a failure that is not retried", async () => {
    lrs.answer({ status: 409 });
    await publish([{ type: "practice.waived", personId: learner.id, courseSlug: "c", lessonSlug: "l" }]);
    expect(await drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    lrs.answer({ status: 401, body: "bad credentials" });
    await publish([{ type: "practice.signed_off", personId: learner.id, courseSlug: "c", lessonSlug: "l", submissionId: "s-1" }]);
    expect(await drain()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const failed = await prisma.outboxMessage.findFirstOrThrow({ where: { channel: "xapi", status: "FAILED" } });
    expect(failed.lastError).toContain("401");
  });

  it("are not queued when no LRS is set up, nor for events without a statement", async () => {
    await publish([{ type: "person.created", personId: learner.id }]);
    expect(await prisma.outboxMessage.count({ where: { channel: "xapi" } })).toBe(0);
    await updateLrsSettings({ endpoint: "", username: "", secret: "" }, ctx());
    await publish([{ type: "course.completed", personId: learner.id, courseSlug: "c" }]);
    expect(await prisma.outboxMessage.count({ where: { channel: "xapi" } })).toBe(0);
  });
});

describe("HR's LRS page", () => {
  it("keeps the secret out of the page, sends a test statement, and refuses a bad endpoint", async () => {
    const { cookie } = await signedInCookie(hr.id);
    const page = await outcomeOf(xapiLoader({ request: makeRequest("/hr/integrations/xapi", { cookie }), params: {}, context: {} }));
    expect(page.data.lrs).toMatchObject({ endpoint: `${lrs.url}/xapi/`, username: "baton-key", hasSecret: true });
    expect(JSON.stringify(page.data)).not.toContain("s3cret-value");

    const tested = await outcomeOf(
      xapiAction({ request: makeRequest("/hr/integrations/xapi", { cookie, form: { intent: "test" } }), params: {}, context: {} }),
    );
    expect(tested.status).toBe(200);
    await drain(new Date());
    const [statement] = statements();
    expect(problems(statement)).toEqual([]);
    expect(statement).toMatchObject({ verb: { id: "http://adlnet.gov/expapi/verbs/experienced" }, actor: { account: { name: hr.id } } });

    const bad = await outcomeOf(
      xapiAction({
        request: makeRequest("/hr/integrations/xapi", { cookie, form: { intent: "save", endpoint: "ftp://lrs.example.com", username: "k", secret: "" } }),
        params: {},
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors?.endpoint).toBeTruthy();
    // Saving without a new secret keeps the stored one.
    const kept = await outcomeOf(
      xapiAction({
        request: makeRequest("/hr/integrations/xapi", {
          cookie,
          form: { intent: "save", endpoint: "https://lrs.example.com/xapi", username: "k2", secret: "" },
        }),
        params: {},
        context: {},
      }),
    );
    expect(kept.status).toBe(200);
    expect((await prisma.orgSettings.findUniqueOrThrow({ where: { id: 1 } })).lrsSecretSealed).toBeTruthy();
    expect(await prisma.auditEvent.count({ where: { action: { in: ["integrations.xapi.updated", "integrations.xapi.tested"] } } })).toBeGreaterThanOrEqual(2);

    const learnerCookie = (await signedInCookie(learner.id)).cookie;
    expect((await outcomeOf(xapiLoader({ request: makeRequest("/hr/integrations/xapi", { cookie: learnerCookie }), params: {}, context: {} }))).status).toBe(
      403,
    );
  });
});
