/**
 * Webhooks against a real receiver on 127.0.0.1: every event type reaches the endpoints subscribed to it (signed per
 * Standard Webhooks) and no other; failures are retried with backoff and logged per attempt; 410 stops; a test event;
 * bad and private URLs are refused; a rotated secret signs from then on. No SMTP is set up: webhooks do not need it.
 */
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { EVENT_TYPES, isEventType, publishEvents, type EventType, type IntegrationEvent } from "~/.server/integrations/events";
import { drainOutbox } from "~/.server/outbox/deliver";
import { getCourse } from "~/.server/content/catalog";
import { assignPeople } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { makeOverride } from "~/.server/overrides/create";
import { reviewPractice } from "~/.server/practice/submissions";
import { runImport } from "~/.server/people/import/import";
import { createPerson, deactivatePerson } from "~/.server/people/people";
import { createEndpoint, EndpointSchema, rotateSecret, sendTestEvent, setEndpointEnabled } from "~/.server/webhooks/endpoints";
import { endpointDetail, retryDelivery } from "~/.server/webhooks/log";
import { action as indexAction, loader as indexLoader } from "~/routes/_app.hr.integrations.webhooks._index";
import { loader as detailLoader } from "~/routes/_app.hr.integrations.webhooks.$endpointId";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { startReceiver, type Receiver } from "../helpers/http-receiver";
import { takeQuiz } from "./helpers/quiz";

let receiver: Receiver;
let hr: { id: string; email: string; name: string };
let learner: { id: string };
const ALL: EventType[] = Object.keys(EVENT_TYPES).filter(isEventType);
const ctx = () => ({ actor: hr, ip: null });
const T0 = new Date("2026-11-24T09:00:00Z");

beforeAll(async () => {
  receiver = await startReceiver();
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  learner = await createTestPerson({ name: "Lena Learner" });
});
afterEach(async () => {
  await prisma.outboxMessage.deleteMany({});
  await prisma.webhookEndpoint.deleteMany({});
  receiver.clear();
});
afterAll(() => receiver.close());

async function endpoint(path: string, events: EventType[]) {
  const outcome = await createEndpoint({ url: `${receiver.url}${path}`, description: path, events }, ctx(), T0);
  if (outcome.kind !== "ok" || !outcome.secret) throw new Error(`endpoint not created: ${JSON.stringify(outcome)}`);
  return { id: outcome.id, secret: outcome.secret };
}

const publish = (events: IntegrationEvent[], now = T0) => prisma.$transaction((tx) => publishEvents(tx, events, now));
const drain = (now = T0, more: Parameters<typeof drainOutbox>[0] = {}) => drainOutbox({ owner: "test", now: () => now, ...more });
const at = (path: string) => receiver.requests.filter((r) => r.path === path);
const verified = (secret: string, r: { body: string; headers: Record<string, string> }) =>
  new Webhook(secret).verify(r.body, r.headers) as { type: string; data: Record<string, unknown> };

function oneOfEach(personId: string, curriculumId: string): IntegrationEvent[] {
  const lesson = { courseSlug: "customer-basics", lessonSlug: "greeting" };
  const certificate = {
    certificateId: "certificate-1",
    code: "ABCD-EFGH-JKLM-NPQR",
    curriculumId,
    curriculumName: "Front desk",
    issuedAt: "2026-11-20T09:00:00.000Z",
    validUntil: "2027-11-20T00:00:00.000Z",
  };
  return [
    { type: "person.created", personId },
    { type: "person.deactivated", personId },
    { type: "person.reactivated", personId },
    { type: "readiness.changed", personId, from: "ON_TRACK", to: "READY", cause: "Course completed" },
    { type: "curriculum.assigned", personId, curriculumId },
    { type: "course.completed", personId, courseSlug: "customer-basics" },
    { type: "lesson.completed", personId, ...lesson },
    { type: "quiz.graded", personId, ...lesson, attemptId: "attempt-1", score: 80, passed: true },
    { type: "practice.signed_off", personId, ...lesson, submissionId: "submission-1" },
    { type: "practice.waived", personId, ...lesson },
    { type: "course.waived", personId, courseSlug: "customer-basics", reason: "Hired from a competitor" },
    { type: "certificate.issued", personId, ...certificate },
    { type: "certificate.revoked", personId, ...certificate, revokedAt: "2026-11-24T09:00:00.000Z", reason: "Issued by mistake" },
  ];
}

describe("events", () => {
  it("reach every endpoint subscribed to their type, signed, and no endpoint that is not", async () => {
    const all = await endpoint("/all", ALL);
    const some = await endpoint("/people", ["person.created"]);
    const curriculum = await prisma.curriculum.create({ data: { name: "Front desk" }, select: { id: true } });
    const events = oneOfEach(learner.id, curriculum.id);
    expect(events.map((e) => e.type).sort()).toEqual([...ALL].sort());
    await publish(events);

    expect(await drain()).toEqual({ sent: ALL.length + 1, retrying: 0, failed: 0 });
    const bodies = at("/all").map((r) => verified(all.secret, r));
    expect(bodies.map((b) => b.type).sort()).toEqual([...ALL].sort());
    const quiz = bodies.find((b) => b.type === "quiz.graded")!;
    expect(quiz.data).toMatchObject({ score: 80, passed: true, attemptId: "attempt-1", person: { id: learner.id, name: "Lena Learner" } });
    expect(bodies.find((b) => b.type === "curriculum.assigned")!.data).toMatchObject({ curriculumName: "Front desk" });
    expect(at("/people").map((r) => verified(some.secret, r).type)).toEqual(["person.created"]);
    // A signature made with another endpoint's secret does not verify.
    expect(() => verified(some.secret, at("/all")[0]!)).toThrow();
  });

  it("are not queued twice for the same cause, and not at all for a disabled endpoint", async () => {
    const on = await endpoint("/on", ["quiz.graded"]);
    const off = await endpoint("/off", ["quiz.graded"]);
    await setEndpointEnabled(off.id, false, ctx());
    const graded: IntegrationEvent = {
      type: "quiz.graded",
      personId: learner.id,
      courseSlug: "c",
      lessonSlug: "l",
      attemptId: "a-7",
      score: 40,
      passed: false,
    };
    await publish([graded]);
    await publish([graded], new Date(T0.getTime() + 5_000));
    expect(await prisma.outboxMessage.count({ where: { channel: "webhook" } })).toBe(1);
    await drain();
    expect(at("/on")).toHaveLength(1);
    expect(at("/off")).toHaveLength(0);
    void on;
  });

  it("come from the domain: adding and deactivating a person", async () => {
    const ep = await endpoint("/people", ["person.created", "person.deactivated"]);
    const created = await createPerson({ email: "new.hire@test.baton", name: "New Hire", role: "LEARNER" }, ctx());
    await deactivatePerson(created.id, ctx(), T0);
    await drain(new Date());
    const bodies = at("/people").map((r) => verified(ep.secret, r));
    expect(bodies.map((b) => b.type).sort()).toEqual(["person.created", "person.deactivated"]);
    expect(bodies[0]!.data).toMatchObject({ personId: created.id, person: { email: "new.hire@test.baton" } });
  });
});

describe("events from the domain", () => {
  it("a curriculum assignment, a graded quiz, readiness and a waiver each reach the endpoint, in the same transaction as the change", async () => {
    const ep = await endpoint("/domain", ["curriculum.assigned", "quiz.graded", "readiness.changed", "course.waived"]);
    const slug = "internal-customer-service";
    const course = getCourse(slug)!;
    const curriculum = await createCurriculum(
      { name: "Webhook onboarding", description: "", inOrder: false, dueRule: null, courses: [{ slug, required: true, dueRule: null }] },
      ctx(),
    );
    const person = await createTestPerson({ name: "Quinn Quiz" });
    await assignPeople(curriculum.id, [person.email], ctx());
    expect(await takeQuiz({ personId: person.id, course, lesson: course.lessons.find((l) => l.quiz)! }, 1, "wrong")).toMatchObject({ passed: false });
    const form = new FormData();
    form.set("intent", "waive");
    form.set("course", slug);
    form.set("reason", "Ten years on a service desk");
    expect(await makeOverride({ ...hr, role: "HR" }, person.id, form, { ip: null })).toMatchObject({ kind: "created" });

    await drain(new Date());
    const bodies = at("/domain").map((r) => verified(ep.secret, r));
    const types = new Set(bodies.map((b) => b.type));
    expect([...types].sort()).toEqual(["course.waived", "curriculum.assigned", "quiz.graded", "readiness.changed"]);
    expect(bodies.find((b) => b.type === "curriculum.assigned")!.data).toMatchObject({ personId: person.id, curriculumName: "Webhook onboarding" });
    expect(bodies.find((b) => b.type === "quiz.graded")!.data).toMatchObject({ personId: person.id, courseSlug: slug, passed: false });
    expect(bodies.find((b) => b.type === "course.waived")!.data).toMatchObject({ courseSlug: slug, reason: "Ten years on a service desk" });
    expect(bodies.filter((b) => b.type === "readiness.changed").every((b) => b.data.personId === person.id && typeof b.data.to === "string")).toBe(true);
  });

  it("a practice sign-off completes the lesson: both are published", async () => {
    const ep = await endpoint("/practice", ["practice.signed_off", "lesson.completed"]);
    const slug = "internal-customer-service";
    const lesson = getCourse(slug)!.lessons.find((l) => l.completion === "signoff")!;
    const person = await createTestPerson({ name: "Pat Practice" });
    const submission = await prisma.practiceSubmission.create({
      data: { personId: person.id, courseSlug: slug, lessonSlug: lesson.slug, status: "WAITING", note: "Done" },
    });
    const form = new FormData();
    form.set("decision", "sign-off");
    expect(await reviewPractice({ ...hr, role: "HR" }, submission.id, form)).toMatchObject({ kind: "signed-off" });
    await drain(new Date());
    const bodies = at("/practice").map((r) => verified(ep.secret, r));
    expect(bodies.map((b) => b.type).sort()).toEqual(["lesson.completed", "practice.signed_off"]);
    expect(bodies.find((b) => b.type === "practice.signed_off")!.data).toMatchObject({ submissionId: submission.id, lessonSlug: lesson.slug });
  });

  it("a people import publishes everyone it adds in bulk", async () => {
    const ep = await endpoint("/import", ["person.created"]);
    const rows = Array.from({ length: 30 }, (_, i) => `bulk${i}@import.test;Bulk ${i};Front Desk;Agent;;2027-01-04`);
    const csv = `Email;Name;Department;Job Title;Manager Email;Start Date\r\n${rows.join("\r\n")}\r\n`;
    const result = await runImport(csv, { deactivateMissing: false, fileName: "people.csv", source: "cli" }, { actor: hr, ip: null });
    expect(result).toMatchObject({ ok: true, created: 30 });
    expect(await prisma.outboxMessage.count({ where: { channel: "webhook", recipient: ep.id } })).toBe(30);
    await drain(new Date());
    const emails = at("/import").map((r) => (verified(ep.secret, r).data.person as { email: string }).email);
    expect(emails.sort()).toEqual(rows.map((r) => r.split(";")[0]).sort());
  });
});

describe("delivery", () => {
  it("retries a failing receiver with backoff, and the delivery log shows both attempts", async () => {
    const ep = await endpoint("/flaky", ["person.reactivated"]);
    receiver.answer({ status: 500, body: "database down" }, { status: 200 });
    await publish([{ type: "person.reactivated", personId: learner.id }]);

    expect(await drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    // Not again before the first backoff (1 minute) is over.
    expect(await drain(new Date(T0.getTime() + 30_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await drain(new Date(T0.getTime() + 61_000))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(at("/flaky")).toHaveLength(2);
    // The same message id and body both times, each freshly signed.
    expect(at("/flaky")[0]!.headers["webhook-id"]).toBe(at("/flaky")[1]!.headers["webhook-id"]);
    verified(ep.secret, at("/flaky")[1]!);

    const log = await endpointDetail(ep.id);
    const [message] = log!.messages;
    expect(message).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
    expect(message!.deliveryAttempts.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(message!.deliveryAttempts[0]!.error).toContain("database down");
    expect(message!.deliveryAttempts.every((a) => a.durationMs >= 0)).toBe(true);
  });

  it("stops at 410 Gone, and HR can retry a failed delivery", async () => {
    const ep = await endpoint("/gone", ["person.reactivated"]);
    receiver.answer({ status: 410 });
    await publish([{ type: "person.reactivated", personId: learner.id }]);
    expect(await drain()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await drain(new Date(T0.getTime() + 3 * 60 * 60_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(at("/gone")).toHaveLength(1);
    const [message] = (await endpointDetail(ep.id))!.messages;
    expect(message).toMatchObject({ status: "FAILED" });
    expect(message!.lastError).toContain("410");

    expect(await retryDelivery(ep.id, message!.id, { ...ctx(), now: T0 })).toEqual({ kind: "ok" });
    expect(await retryDelivery(ep.id, message!.id, { ...ctx(), now: T0 })).toEqual({ kind: "not-failed" });
    expect(await drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(at("/gone")).toHaveLength(2);
  });

  it("honours Retry-After on 429, and gives up after five tries", async () => {
    await endpoint("/busy", ["person.reactivated"]);
    receiver.answer({ status: 429, headers: { "retry-after": "600" } }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    await publish([{ type: "person.reactivated", personId: learner.id }]);
    expect(await drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { channel: "webhook" } });
    expect(row.availableAt.getTime() - T0.getTime()).toBe(600_000);
    let t = T0.getTime();
    for (let i = 0; i < 4; i++) {
      t += 3 * 60 * 60_000;
      await drain(new Date(t));
    }
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { channel: "webhook" } })).toMatchObject({ status: "FAILED", attempts: 5 });
    expect(at("/busy")).toHaveLength(5);
  });

  it("treats an unreachable receiver as a retry, with the error in the log", async () => {
    const created = await createEndpoint({ url: "http://127.0.0.1:1/nothing", description: "", events: ["person.reactivated"] }, ctx(), T0);
    await publish([{ type: "person.reactivated", personId: learner.id }]);
    expect(await drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const [message] = (await endpointDetail(created.kind === "ok" ? created.id : ""))!.messages;
    expect(message!.deliveryAttempts[0]).toMatchObject({ statusCode: null });
    expect(message!.deliveryAttempts[0]!.error).toContain("ECONNREFUSED");
  });
});

describe("endpoints", () => {
  it("send a test event to that endpoint only", async () => {
    const ep = await endpoint("/test", ["person.created"]);
    await endpoint("/other", ALL);
    expect(await sendTestEvent(ep.id, ctx(), T0)).toEqual({ kind: "ok" });
    await drain();
    expect(at("/other")).toHaveLength(0);
    expect(verified(ep.secret, at("/test")[0]!)).toMatchObject({ type: "webhook.test" });
    expect(await prisma.auditEvent.count({ where: { action: "integrations.webhook.tested" } })).toBe(1);
  });

  it("refuse URLs that are not http(s), and private or local addresses in production", async () => {
    expect(EndpointSchema.safeParse({ url: "ftp://example.com/hook", events: ["person.created"] }).success).toBe(false);
    expect(EndpointSchema.safeParse({ url: "https://example.com/hook", events: [] }).success).toBe(false);
    expect(EndpointSchema.safeParse({ url: "https://example.com/hook", events: ["nope"] }).success).toBe(false);
    const strict = { publicOnly: true };
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "http://localhost/hook",
      "http://10.1.2.3/hook",
      "http://192.168.0.5/",
      "http://169.254.169.254/latest",
      "http://[::1]/x",
      "http://[fd00::1]/x",
    ]) {
      const outcome = await createEndpoint({ url, description: "", events: ["person.created"] }, ctx(), T0, strict);
      expect(outcome, url).toMatchObject({ kind: "bad-url" });
    }
    expect(await createEndpoint({ url: "http://user:pw@93.184.215.14/", description: "", events: ["person.created"] }, ctx(), T0, strict)).toMatchObject({
      kind: "bad-url",
    });
    expect(await createEndpoint({ url: "https://93.184.215.14/hook", description: "", events: ["person.created"] }, ctx(), T0, strict)).toMatchObject({
      kind: "ok",
    });
    // In development and tests a local receiver is fine.
    expect(await createEndpoint({ url: `${receiver.url}/local`, description: "", events: ["person.created"] }, ctx(), T0)).toMatchObject({ kind: "ok" });
  });

  it("check the address again when delivering in production", async () => {
    await endpoint("/local", ["person.reactivated"]);
    await publish([{ type: "person.reactivated", personId: learner.id }]);
    expect(await drain(T0, { publicOnly: true })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(at("/local")).toHaveLength(0);
    expect((await prisma.outboxMessage.findFirstOrThrow({ where: { channel: "webhook" } })).lastError).toContain("private or local");
  });

  it("sign with the new secret after a rotation", async () => {
    const ep = await endpoint("/rotate", ["person.reactivated"]);
    const rotated = await rotateSecret(ep.id, ctx());
    if (rotated.kind !== "ok") throw new Error("not rotated");
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32,}$/);
    expect(rotated.secret).not.toBe(ep.secret);
    await publish([{ type: "person.reactivated", personId: learner.id }]);
    await drain();
    const [request] = at("/rotate");
    expect(verified(rotated.secret, request!)).toMatchObject({ type: "person.reactivated" });
    expect(() => verified(ep.secret, request!)).toThrow();
    // The secret is stored sealed, never as given.
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
    expect(row.secretSealed).not.toContain(rotated.secret.slice(6));
  });
});

describe("HR pages", () => {
  it("create an endpoint (secret shown once), list it and show its log; learners are turned away", async () => {
    const { cookie } = await signedInCookie(hr.id);
    const form = new URLSearchParams({ intent: "create", url: `${receiver.url}/page`, description: "CRM" });
    form.append("events", "person.created");
    form.append("events", "readiness.changed");
    const request = new Request("http://localhost:3000/hr/integrations/webhooks", {
      method: "POST",
      headers: { Origin: "http://localhost:3000", Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
    });
    const created = await outcomeOf(indexAction({ request, params: {}, context: {} }));
    expect(created.status).toBe(200);
    expect(created.data.secret).toMatch(/^whsec_/);

    const bad = await outcomeOf(
      indexAction({
        request: makeRequest("/hr/integrations/webhooks", { cookie, form: { intent: "create", url: "javascript:alert(1)", events: "person.created" } }),
        params: {},
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toHaveProperty("url", expect.any(String));

    const list = await outcomeOf(indexLoader({ request: makeRequest("/hr/integrations/webhooks", { cookie }), params: {}, context: {} }));
    expect(list.data.endpoints).toHaveLength(1);
    expect(JSON.stringify(list.data)).not.toContain(created.data.secret);
    const [endpoint] = list.data.endpoints;
    if (!endpoint) throw new Error("the new endpoint is not listed");
    const id = endpoint.id;
    const detail = await outcomeOf(
      detailLoader({ request: makeRequest(`/hr/integrations/webhooks/${id}`, { cookie }), params: { endpointId: id }, context: {} }),
    );
    expect(detail.data.endpoint).toMatchObject({ url: `${receiver.url}/page`, events: ["person.created", "readiness.changed"] });

    const learnerCookie = (await signedInCookie(learner.id)).cookie;
    const refused = await outcomeOf(indexLoader({ request: makeRequest("/hr/integrations/webhooks", { cookie: learnerCookie }), params: {}, context: {} }));
    expect(refused.status).toBe(403);
  });
});
