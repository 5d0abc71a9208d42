import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { API_TOKEN_RATE } from "~/.server/api-tokens/authenticate";
import { createApiToken, revokeApiToken } from "~/.server/api-tokens/tokens";
import { openApiDocument } from "~/.server/api/openapi";
import { getCourse } from "~/.server/content/catalog";
import { assignPeople } from "~/.server/curricula/assignments";
import { archiveCurriculum, createCurriculum } from "~/.server/curricula/curricula";
import { prisma } from "~/.server/db";
import { publicOrigin } from "~/.server/notifications/notify";
import { deactivatePerson } from "~/.server/people/people";
import { answerForm } from "~/.server/quiz/answering";
import { startAttempt, submitAttempt } from "~/.server/quiz/attempts";
import { parseAttemptSet } from "~/.server/quiz/snapshot";
import type { ApiTokenScope } from "~/generated/prisma/enums";
import * as unknownRoute from "~/routes/api.v1.$";
import { loader as docsLoader } from "~/routes/api.v1.docs";
import * as assignmentsRoute from "~/routes/api.v1.assignments";
import * as curriculaRoute from "~/routes/api.v1.curricula";
import * as curriculumRoute from "~/routes/api.v1.curricula.$id";
import * as openapiRoute from "~/routes/api.v1.openapi[.]json";
import * as peopleRoute from "~/routes/api.v1.people";
import * as personRoute from "~/routes/api.v1.people.$id";
import * as attemptsRoute from "~/routes/api.v1.people.$id.attempts";
import * as progressRoute from "~/routes/api.v1.people.$id.progress";
import * as readinessRoute from "~/routes/api.v1.readiness";
import { createTestPerson, outcomeOf } from "../factories";

const doc = openApiDocument("http://localhost:3000");
type Method = "get" | "post";
type RouteModule = { loader: (args: never) => unknown; action?: (args: never) => unknown };

/** Every path of the document and the route module that serves it (the test below checks they are the same set). */
const routes: Record<string, RouteModule> = {
  "/people": peopleRoute,
  "/people/{id}": personRoute,
  "/people/{id}/progress": progressRoute,
  "/people/{id}/attempts": attemptsRoute,
  "/curricula": curriculaRoute,
  "/curricula/{id}": curriculumRoute,
  "/assignments": assignmentsRoute,
  "/readiness": readinessRoute,
};

// The whole document is added as a schema, so a response schema is found by its JSON pointer and its $refs resolve.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc, "openapi.json");
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** The body matches the document's schema for this path, method and status (the status must be documented). */
function expectMatchesSpec(path: string, method: Method, status: number, body: unknown) {
  const operation = (doc.paths as Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>>)[path]?.[method];
  expect(operation, `${method.toUpperCase()} ${path} is documented`).toBeDefined();
  const response = operation!.responses[String(status)];
  expect(response, `${method.toUpperCase()} ${path} documents status ${status}`).toBeDefined();
  const location = response!.$ref ? response!.$ref.slice(1) : `/${pointer("paths", path, method, "responses", String(status))}`;
  const validate = ajv.compile({ $ref: `openapi.json#${location}/content/application~1json/schema` });
  const valid = validate(body);
  expect(validate.errors ?? [], `${method.toUpperCase()} ${path} ${status}: ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
  expect(valid).toBe(true);
}

type Call = {
  method?: "GET" | "POST";
  token?: string | null;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: BodyInit;
  query?: string;
};

/** Calls the route for a documented path as a client would, checks the response against the document, returns it. */
async function api(path: keyof typeof routes, call: Call = {}) {
  const method = call.method ?? "GET";
  const url = `http://localhost:3000/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => call.params?.[name] ?? "")}${call.query ? `?${call.query}` : ""}`;
  const headers = new Headers({ "x-baton-client-ip": "198.51.100.20", ...call.headers });
  if (call.token !== null) headers.set("Authorization", `Bearer ${call.token ?? readToken}`);
  const request = new Request(url, { method, headers, body: call.body, ...(call.body instanceof ReadableStream ? { duplex: "half" } : {}) });
  const route = routes[path]!;
  const handler = method === "GET" ? route.loader : route.action!;
  const outcome = await outcomeOf(Promise.resolve((handler as (args: unknown) => unknown)({ request, params: call.params ?? {}, context: {} })));
  const body = JSON.parse(outcome.body);
  expectMatchesSpec(path, method === "GET" ? "get" : "post", outcome.status, body);
  return { status: outcome.status, body, headers: outcome.headers };
}

let hr: Awaited<ReturnType<typeof createTestPerson>>;
let manager: Awaited<ReturnType<typeof createTestPerson>>;
let learner: Awaited<ReturnType<typeof createTestPerson>>;
let kitchen: Awaited<ReturnType<typeof createTestPerson>>;
let readToken: string;
let writeToken: string;
let writeTokenId: string;
let curriculumId: string;
let otherCurriculumId: string;
const QUIZ_COURSE = "daily-line-up";
const QUIZ_LESSON = "what-a-line-up-is-for";
const OTHER_COURSE = "internal-customer-service";
const hrCtx = () => ({ actor: hr, ip: null });

async function token(scope: ApiTokenScope, name = `${scope} token`) {
  return createApiToken({ name, scope, expiresInDays: 30 }, hrCtx(), new Date());
}

beforeAll(async () => {
  hr = await createTestPerson({ role: "HR", name: "Hana HR", department: "People" });
  manager = await createTestPerson({ role: "MANAGER", name: "Milo Manager", department: "Support" });
  learner = await createTestPerson({ name: "Lena Learner", department: "Support", managerId: manager.id });
  kitchen = await createTestPerson({ name: "Kai Kitchen", department: "Kitchen" });
  readToken = (await token("READ")).token;
  const write = await token("READ_WRITE");
  [writeToken, writeTokenId] = [write.token, write.row.id];
  const inAMonth = new Date(Date.now() + 30 * 86_400_000);
  const curriculum = await createCurriculum(
    {
      name: "Front desk basics",
      description: "Week one",
      inOrder: false,
      dueRule: null,
      courses: [
        {
          slug: QUIZ_COURSE,
          required: true,
          dueRule: { kind: "date", date: new Date(Date.UTC(inAMonth.getUTCFullYear(), inAMonth.getUTCMonth(), inAMonth.getUTCDate())) },
        },
        { slug: OTHER_COURSE, required: false, dueRule: { kind: "days", days: 14 } },
      ],
    },
    hrCtx(),
  );
  curriculumId = curriculum.id;
  otherCurriculumId = (
    await createCurriculum(
      { name: "Kitchen safety", description: "", inOrder: false, dueRule: null, courses: [{ slug: OTHER_COURSE, required: true, dueRule: null }] },
      hrCtx(),
    )
  ).id;
  expect(await assignPeople(curriculumId, [learner.email], hrCtx())).toMatchObject({ ok: true });

  // Two attempts at the first quiz: one failed, one passed.
  const course = getCourse(QUIZ_COURSE)!;
  const lesson = course.lessons.find((l) => l.slug === QUIZ_LESSON)!;
  for (const [n, pick] of [
    [1, "wrong"],
    [2, "right"],
  ] as const) {
    expect(await startAttempt({ personId: learner.id, course, lesson, attemptNumber: n })).toMatchObject({ kind: "started" });
    const row = await prisma.quizAttempt.findFirstOrThrow({
      where: { personId: learner.id, courseSlug: QUIZ_COURSE, lessonSlug: QUIZ_LESSON, attemptNumber: n },
    });
    const graded = await submitAttempt({ personId: learner.id, course, lesson, attemptNumber: n, form: answerForm(parseAttemptSet(row.items)!, n, pick) });
    expect(graded).toMatchObject({ kind: "graded", passed: pick === "right" });
  }
});

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document, served without a token", async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");

    const served = await outcomeOf(Promise.resolve(openapiRoute.loader()));
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toContain("application/json");
    expect(JSON.parse(served.body)).toEqual(JSON.parse(JSON.stringify(openApiDocument(publicOrigin()))));
  });

  it("describes exactly the paths the routes serve, each with its scope and a schema for every response", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(routes).sort());
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        expect(op["x-baton-scopes"], `${method} ${path}`).toEqual(method === "get" ? ["READ", "READ_WRITE"] : ["READ_WRITE"]);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "403", "429"]));
      }
    }
  });

  it("checks response bodies strictly: a wrong field or format fails", () => {
    const person = {
      id: "p",
      email: "a@b.test",
      name: "A",
      role: "LEARNER",
      department: null,
      jobTitle: null,
      employeeId: null,
      startDate: "2026-01-05",
      managerId: null,
      active: true,
      deactivatedAt: null,
      createdAt: new Date().toISOString(),
    };
    expect(() => expectMatchesSpec("/people/{id}", "get", 200, person)).not.toThrow();
    expect(() => expectMatchesSpec("/people/{id}", "get", 200, { ...person, passwordHash: "x" })).toThrow();
    expect(() => expectMatchesSpec("/people/{id}", "get", 200, { ...person, startDate: "5 Jan" })).toThrow();
    expect(() => expectMatchesSpec("/people/{id}", "get", 200, { ...person, createdAt: "yesterday" })).toThrow();
    expect(() => expectMatchesSpec("/people/{id}", "get", 404, { error: { code: "oops", message: "x" } })).toThrow();
    expect(() => expectMatchesSpec("/people/{id}", "get", 500, { error: { code: "not_found", message: "x" } })).toThrow();
  });

  it("is what the reference page shows: every operation, its scope and a curl example", () => {
    const page = docsLoader();
    const listed = page.operations.map((op) => `${op.method} ${op.path}`);
    expect(listed.sort()).toEqual(
      Object.entries(doc.paths)
        .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} /api/v1${path}`))
        .sort(),
    );
    const post = page.operations.find((op) => op.id === "assignCurriculum")!;
    expect(post.scopes).toEqual(["READ_WRITE"]);
    expect(post.curl).toContain("-X POST");
    expect(post.curl).toContain('-d \'{"personId"');
    const people = page.operations.find((op) => op.id === "listPeople")!;
    expect(people.parameters.map((p) => p.name)).toEqual(["department", "role", "active", "limit", "cursor"]);
    expect(people.responses.find((r) => r.status === "200")).toMatchObject({
      schema: "PersonList",
      fields: [
        { name: "data", type: "array of Person" },
        { name: "nextCursor", type: "string or null" },
      ],
    });
    expect(people.curl).toContain("Authorization: Bearer $BATON_TOKEN");
  });
});

describe("authentication", () => {
  it("401 without a token, with an unknown, an expired or a revoked one", async () => {
    const none = await api("/people", { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get("WWW-Authenticate")).toContain("Bearer");
    expect((await api("/people", { token: "baton_unknown" })).body.error.code).toBe("unauthenticated");

    const expired = await createApiToken({ name: "Old", scope: "READ", expiresInDays: 1 }, hrCtx(), new Date(Date.now() - 2 * 86_400_000));
    expect((await api("/curricula", { token: expired.token })).body).toEqual({ error: { code: "unauthenticated", message: "This API token has expired." } });

    const revoked = await token("READ");
    expect((await api("/curricula", { token: revoked.token })).status).toBe(200);
    await revokeApiToken(revoked.row.id, hrCtx(), new Date());
    expect((await api("/curricula", { token: revoked.token })).status).toBe(401);
  });

  it("403 for a SCIM token, and audits every use", async () => {
    const scim = await token("SCIM", "Provisioning");
    const refused = await api("/people", { token: scim.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    const ok = await api("/people/{id}", { token: writeToken, params: { id: learner.id } });
    expect(ok.status).toBe(200);
    const used = await prisma.auditEvent.findFirst({ where: { action: "api_token.used", target: `api-token:${writeTokenId}` } });
    expect(JSON.parse(used!.details!)).toMatchObject({ method: "GET", path: `/api/v1/people/${learner.id}`, outcome: "ok" });
  });

  it("429 with Retry-After once a token has made its requests for the minute", async () => {
    const busy = await token("READ", "Busy");
    const now = Date.now();
    await prisma.rateLimitEvent.createMany({
      data: Array.from({ length: API_TOKEN_RATE.limit }, (_, i) => ({ key: `api-token:${busy.row.id}`, at: new Date(now - 30_000 + i) })),
    });
    const limited = await api("/people", { token: busy.token });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThanOrEqual(29);
    expect(Number(limited.headers.get("Retry-After"))).toBeLessThanOrEqual(31);
    // Other tokens are not slowed down.
    expect((await api("/people")).status).toBe(200);
  });
});

describe("people", () => {
  it("lists people with filters, and gets one by id", async () => {
    const all = await api("/people", { query: "limit=200" });
    expect(all.status).toBe(200);
    const ids = all.body.data.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([hr.id, manager.id, learner.id, kitchen.id]));
    expect(JSON.stringify(all.body)).not.toContain("passwordHash");

    const support = await api("/people", { query: "department=Support&role=LEARNER" });
    expect(support.body.data.map((p: { id: string }) => p.id)).toEqual([learner.id]);

    const gone = await createTestPerson({ department: "Leavers" });
    await deactivatePerson(gone.id, hrCtx());
    expect((await api("/people", { query: "department=Leavers&active=true" })).body.data).toEqual([]);
    expect((await api("/people", { query: "department=Leavers&active=false" })).body.data).toMatchObject([{ id: gone.id, active: false }]);

    const one = await api("/people/{id}", { params: { id: learner.id } });
    expect(one.body).toMatchObject({
      id: learner.id,
      name: "Lena Learner",
      department: "Support",
      managerId: manager.id,
      startDate: "2026-11-01",
      active: true,
    });
    expect((await api("/people/{id}", { params: { id: "nobody" } })).status).toBe(404);
  });

  it("pages in a stable order: no duplicates or gaps, and people added meanwhile come at the end", async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createTestPerson({ department: "Paging", name: `Zed ${i}` }));
    const first = await api("/people", { query: "department=Paging&limit=2" });
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    // Someone joins, and an earlier row changes name, between pages.
    const late = await createTestPerson({ department: "Paging", name: "Aaron Early-in-the-alphabet" });
    await prisma.person.update({ where: { id: made[3]!.id }, data: { name: "Aardvark" } });
    const seen = [...first.body.data];
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page = await api("/people", { query: `department=Paging&limit=2&cursor=${encodeURIComponent(cursor)}` });
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
    }
    expect(seen.map((p) => p.id)).toEqual([...made.map((m) => m.id), late.id]);
  });

  it("refuses a bad query with 400 and says which parameter", async () => {
    for (const [query, word] of [
      ["limit=201", "limit"],
      ["limit=0", "limit"],
      ["limit=abc", "limit"],
      ["cursor=not-a-cursor", "cursor"],
      ["role=ADMIN", "role"],
      ["active=yes", "active"],
      ["colour=blue", "colour"],
      ["limit=1&limit=2", "limit"],
    ]) {
      const bad = await api("/people", { query });
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code).toBe("invalid_request");
      expect(bad.body.error.message).toContain(word);
    }
  });
});

describe("curricula", () => {
  it("lists every curriculum and gets one with its courses and due rules", async () => {
    const list = await api("/curricula");
    expect(list.body.data.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(["Front desk basics", "Kitchen safety"]));
    expect(list.body.data.find((c: { id: string }) => c.id === curriculumId)).toMatchObject({ courseCount: 2, requiredCount: 1, people: 1, archived: false });
    const one = await api("/curricula/{id}", { params: { id: curriculumId } });
    expect(one.body.courses).toEqual([
      {
        slug: QUIZ_COURSE,
        title: getCourse(QUIZ_COURSE)!.title,
        position: expect.any(Number),
        required: true,
        dueRule: { kind: "date", date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      },
      { slug: OTHER_COURSE, title: getCourse(OTHER_COURSE)!.title, position: expect.any(Number), required: false, dueRule: { kind: "days", days: 14 } },
    ]);
    expect((await api("/curricula/{id}", { params: { id: "nothing" } })).status).toBe(404);
  });
});

describe("assignments", () => {
  it("lists open assignments with filters", async () => {
    const mine = await api("/assignments", { query: `personId=${learner.id}` });
    expect(mine.body.data).toMatchObject([{ personId: learner.id, curriculumId, via: "direct", rule: null }]);
    expect((await api("/assignments", { query: `curriculumId=${otherCurriculumId}` })).body.data).toEqual([]);
  });

  it("assigns a curriculum with a READ_WRITE token, as HR would, audited with the token as actor", async () => {
    const body = JSON.stringify({ personId: kitchen.id, curriculumId: otherCurriculumId });
    const created = await api("/assignments", { method: "POST", token: writeToken, headers: { "Content-Type": "application/json" }, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ personId: kitchen.id, curriculumId: otherCurriculumId, via: "direct" });
    const audit = await prisma.auditEvent.findFirst({ where: { action: "curriculum.assigned", actorId: `api-token:${writeTokenId}` } });
    expect(audit).toMatchObject({ actorEmail: "API token “READ_WRITE token”", target: "Kitchen safety" });
    // The same domain rules follow: readiness now counts the curriculum.
    const readiness = await api("/readiness", { query: "department=Kitchen" });
    expect(readiness.body.data).toMatchObject([{ personId: kitchen.id, curricula: [{ id: otherCurriculumId, requiredTotal: 1 }] }]);

    const again = await api("/assignments", { method: "POST", token: writeToken, headers: { "Content-Type": "application/json" }, body });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    expect(await prisma.assignment.count({ where: { personId: kitchen.id, unassignedAt: null } })).toBe(1);
  });

  it("refuses a POST with a READ token (403) and changes nothing", async () => {
    const before = await prisma.assignment.count();
    const audits = await prisma.auditEvent.count({ where: { action: "curriculum.assigned" } });
    const refused = await api("/assignments", {
      method: "POST",
      token: readToken,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ personId: manager.id, curriculumId }),
    });
    expect(refused.status).toBe(403);
    expect(await prisma.assignment.count()).toBe(before);
    expect(await prisma.auditEvent.count({ where: { action: "curriculum.assigned" } })).toBe(audits);
  });

  it("answers bad bodies with 400, 404, 409, 413 and 415, writing nothing", async () => {
    const before = await prisma.assignment.count();
    const post = (body: BodyInit, type = "application/json", extra: Record<string, string> = {}) =>
      api("/assignments", { method: "POST", token: writeToken, headers: { "Content-Type": type, ...extra }, body });
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ personId: manager.id }))).body.error.message).toContain("curriculumId");
    expect((await post(JSON.stringify({ personId: manager.id, curriculumId, extra: 1 }))).status).toBe(400);
    expect((await post(JSON.stringify({ personId: manager.id, curriculumId }), "text/plain")).status).toBe(415);
    expect((await post(new URLSearchParams({ personId: manager.id, curriculumId }).toString(), "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await post(JSON.stringify({ personId: "nobody", curriculumId }))).body).toEqual({
      error: { code: "not_found", message: "No person with this id." },
    });
    expect((await post(JSON.stringify({ personId: manager.id, curriculumId: "nothing" }))).status).toBe(404);

    const huge = JSON.stringify({ personId: manager.id, curriculumId, padding: "x".repeat(70_000) });
    expect((await post(huge)).status).toBe(413);
    // Without Content-Length (chunked), the read itself stops at the limit.
    const chunks = new TextEncoder().encode(huge);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < chunks.length; i += 8192) controller.enqueue(chunks.slice(i, i + 8192));
        controller.close();
      },
    });
    const streamed = await post(stream);
    expect(streamed.status).toBe(413);
    expect(streamed.body.error.code).toBe("payload_too_large");

    const leaver = await createTestPerson({ department: "Leavers" });
    await deactivatePerson(leaver.id, hrCtx());
    expect((await post(JSON.stringify({ personId: leaver.id, curriculumId }))).status).toBe(409);
    const archived = await createCurriculum(
      { name: "Old ways", description: "", inOrder: false, dueRule: null, courses: [{ slug: OTHER_COURSE, required: true, dueRule: null }] },
      hrCtx(),
    );
    await archiveCurriculum(archived.id, hrCtx());
    const conflict = await post(JSON.stringify({ personId: manager.id, curriculumId: archived.id }));
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain("Restore");
    expect(await prisma.assignment.count()).toBe(before);
  });
});

describe("readiness", () => {
  it("lists summaries with state, department and manager filters, a page at a time", async () => {
    const all = await api("/readiness", { query: "limit=200" });
    const lena = all.body.data.find((r: { personId: string }) => r.personId === learner.id);
    expect(lena).toMatchObject({ name: "Lena Learner", managerId: manager.id, curricula: [{ id: curriculumId, requiredDone: 0, requiredTotal: 1 }] });
    const stored = await prisma.readinessSummary.findUniqueOrThrow({ where: { personId: learner.id } });
    expect(lena.state).toBe(stored.state);

    const byManager = await api("/readiness", { query: `managerId=${manager.id}` });
    expect(byManager.body.data.map((r: { personId: string }) => r.personId)).toEqual([learner.id]);
    const byState = await api("/readiness", { query: `state=${stored.state}&limit=200` });
    expect(byState.body.data.every((r: { state: string }) => r.state === stored.state)).toBe(true);
    expect(byState.body.data.map((r: { personId: string }) => r.personId)).toContain(learner.id);
    expect((await api("/readiness", { query: "state=SLEEPY" })).status).toBe(400);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { personId: string }[]; nextCursor: string | null } } = await api("/readiness", {
        query: `limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      });
      seen.push(...page.body.data.map((r) => r.personId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.data.map((r: { personId: string }) => r.personId));
  });
});

describe("a person's progress and attempts", () => {
  it("shows each course with lessons done and due dates, as the learner's page derives them", async () => {
    const progress = await api("/people/{id}/progress", { params: { id: learner.id } });
    expect(progress.body.curricula).toHaveLength(1);
    const [quizCourse, other] = progress.body.curricula[0].courses;
    expect(quizCourse).toMatchObject({
      slug: QUIZ_COURSE,
      required: true,
      lessonsDone: 1,
      lessonsTotal: getCourse(QUIZ_COURSE)!.lessons.length,
      state: "in_progress",
      completed: false,
    });
    expect(quizCourse.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(other).toMatchObject({ slug: OTHER_COURSE, required: false, lessonsDone: 0, state: "not_started" });
    expect((await api("/people/{id}/progress", { params: { id: kitchen.id } })).body.curricula).toHaveLength(1);
    expect((await api("/people/{id}/progress", { params: { id: "nobody" } })).status).toBe(404);
  });

  it("lists quiz attempts with scores, never the questions or keys", async () => {
    const attempts = await api("/people/{id}/attempts", { params: { id: learner.id } });
    expect(attempts.body.data).toMatchObject([
      { courseSlug: QUIZ_COURSE, lessonSlug: QUIZ_LESSON, attemptNumber: 1, score: 0, passed: false },
      { courseSlug: QUIZ_COURSE, lessonSlug: QUIZ_LESSON, attemptNumber: 2, score: 100, passed: true },
    ]);
    const text = JSON.stringify(attempts.body);
    const question = getCourse(QUIZ_COURSE)!.lessons.find((l) => l.slug === QUIZ_LESSON)!.quiz!.questions[0]!;
    expect(text).not.toContain(question.prompt.slice(0, 20));
    expect(text).not.toContain('"correct"');
    const paged = await api("/people/{id}/attempts", { params: { id: learner.id }, query: "limit=1" });
    const next = await api("/people/{id}/attempts", { params: { id: learner.id }, query: `limit=1&cursor=${encodeURIComponent(paged.body.nextCursor)}` });
    expect([paged.body.data[0].attemptNumber, next.body.data[0].attemptNumber]).toEqual([1, 2]);
    expect(next.body.nextCursor).toBeNull();
    expect((await api("/people/{id}/attempts", { params: { id: learner.id }, query: `courseSlug=${OTHER_COURSE}` })).body.data).toEqual([]);
    expect((await api("/people/{id}/attempts", { params: { id: "nobody" } })).status).toBe(404);
  });
});

describe("paths and methods outside the document", () => {
  it("answers JSON 404 for an unknown path and 405 for a method a path does not take", async () => {
    const unknown = await outcomeOf(Promise.resolve(unknownRoute.loader()));
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe("not_found");
    const post = await outcomeOf(Promise.resolve(peopleRoute.action()));
    expect(post.status).toBe(405);
    expect(post.headers.get("Allow")).toBe("GET");
  });
});
