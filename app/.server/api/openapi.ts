/**
 * The OpenAPI 3.1 document of the JSON API, built here and served at /api/v1/openapi.json. The reference page
 * (/api/v1/docs) is rendered from it, and the API tests check every response against it, so the three cannot drift.
 */
import { API_TOKEN_RATE } from "../api-tokens/authenticate";
import { READINESS_STATES } from "../readiness/rules";
import { API_ERROR_CODES, MAX_BODY_BYTES } from "./respond";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./paging";

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: "query" | "path"; required: boolean; description: string; schema: Schema; example?: string };
type Response = { description: string; headers?: Record<string, unknown>; content?: { "application/json": { schema: Schema } } };
export type Operation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  "x-baton-scopes": string[];
  security: { bearer: [] }[];
  parameters: (Parameter | { $ref: string })[];
  requestBody?: { required: boolean; content: { "application/json": { schema: Schema; example: unknown } } };
  responses: Record<string, Response | { $ref: string }>;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string, extra: Schema = {}) => ({ type: [type, "null"], ...extra });
const dateTime = { type: "string", format: "date-time" };
const day = { type: "string", format: "date" };
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: "object",
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const listOf = (item: string, description: string) =>
  object(
    {
      data: { type: "array", items: ref(item) },
      nextCursor: nullable("string", { description: "Pass as `cursor` for the next page; null on the last page." }),
    },
    description,
  );

const dueRule = {
  description: "When courses are due: N days after the person's start date, a fixed day, or null for no due date.",
  oneOf: [object({ kind: { const: "days" }, days: { type: "integer", minimum: 0 } }), object({ kind: { const: "date" }, date: day }), { type: "null" }],
};

const schemas: Record<string, Schema> = {
  Error: object(
    {
      error: object({
        code: { type: "string", enum: [...API_ERROR_CODES] },
        message: { type: "string", description: "In plain words, for a person to read." },
      }),
    },
    "Every error has this shape.",
  ),
  Person: object({
    id: { type: "string" },
    email: { type: "string", format: "email" },
    name: { type: "string" },
    role: { type: "string", enum: ["LEARNER", "MANAGER", "HR"] },
    department: nullable("string"),
    jobTitle: nullable("string"),
    employeeId: nullable("string", { description: "The HR system's id (SCIM externalId)." }),
    startDate: nullable("string", { format: "date" }),
    managerId: nullable("string"),
    active: { type: "boolean", description: "False once deactivated." },
    deactivatedAt: nullable("string", { format: "date-time" }),
    createdAt: dateTime,
  }),
  PersonList: listOf("Person", "A page of people, in the order they were added."),
  CurriculumSummary: object({
    id: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    inOrder: { type: "boolean", description: "Courses open one after another." },
    archived: { type: "boolean" },
    courseCount: { type: "integer", minimum: 0 },
    requiredCount: { type: "integer", minimum: 0 },
    rules: { type: "array", items: { type: "string" }, description: "Active group assignment rules, in words." },
    people: { type: "integer", minimum: 0, description: "People who hold it now." },
  }),
  CurriculumList: object({ data: { type: "array", items: ref("CurriculumSummary") } }, "Every curriculum, by name."),
  DueRule: dueRule,
  Curriculum: object({
    id: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    inOrder: { type: "boolean" },
    archived: { type: "boolean" },
    graceDays: { type: "integer", minimum: 0, description: "Days after someone receives it before they can be At risk." },
    validityMonths: nullable("integer", { minimum: 1, maximum: 120, description: "Months a completion stays valid; null: without end." }),
    renewalNoticeDays: { type: "integer", minimum: 1, description: "Days before a certificate ends when its renewal courses open again." },
    dueRule: ref("DueRule"),
    createdAt: dateTime,
    updatedAt: dateTime,
    courses: {
      type: "array",
      items: object({
        slug: { type: "string" },
        title: nullable("string", { description: "Null when the course is no longer in the library." }),
        position: { type: "integer" },
        required: { type: "boolean" },
        dueRule: { ...ref("DueRule"), description: "The course's own rule; null: the curriculum's applies." },
      }),
    },
  }),
  Assignment: object({
    id: { type: "string" },
    personId: { type: "string" },
    curriculumId: { type: "string" },
    via: { type: "string", enum: ["direct", "rule"] },
    rule: nullable("string", { description: "The group rule, in words, when via is rule." }),
    assignedAt: dateTime,
  }),
  AssignmentList: listOf("Assignment", "A page of open assignments, oldest first. A person may hold a curriculum directly and through rules: one row each."),
  AssignmentInput: object({ personId: { type: "string", minLength: 1, maxLength: 64 }, curriculumId: { type: "string", minLength: 1, maxLength: 64 } }),
  Readiness: object({
    personId: { type: "string" },
    name: { type: "string" },
    email: { type: "string", format: "email" },
    department: nullable("string"),
    managerId: nullable("string"),
    startDate: nullable("string", { format: "date" }),
    active: { type: "boolean" },
    state: { type: "string", enum: [...READINESS_STATES] },
    reasons: { type: "array", items: { type: "string" }, description: "Why the person is in this state, in words." },
    since: nullable("string", { format: "date-time" }),
    readyAt: nullable("string", { format: "date-time" }),
    lastActivity: nullable("string", { format: "date-time" }),
    overdueCourses: { type: "integer", minimum: 0 },
    curricula: {
      type: "array",
      items: object({
        id: { type: "string" },
        name: { type: "string" },
        requiredDone: { type: "integer", minimum: 0 },
        requiredWaived: { type: "integer", minimum: 0 },
        requiredTotal: { type: "integer", minimum: 0 },
      }),
    },
    computedAt: dateTime,
  }),
  ReadinessList: listOf("Readiness", "A page of readiness summaries, in the order people were added."),
  Progress: object({
    personId: { type: "string" },
    curricula: {
      type: "array",
      items: object({
        id: { type: "string" },
        name: { type: "string" },
        heldSince: dateTime,
        inOrder: { type: "boolean" },
        courses: {
          type: "array",
          items: object({
            slug: { type: "string" },
            title: { type: "string" },
            required: { type: "boolean" },
            dueDate: nullable("string", { format: "date" }),
            overdue: { type: "boolean" },
            state: { type: "string", enum: ["not_started", "in_progress", "completed"] },
            completed: { type: "boolean" },
            completedAt: nullable("string", { format: "date-time" }),
            waived: { type: "boolean", description: "Waived for this person: satisfied, but not completed." },
            locked: { type: "boolean", description: "An earlier required course of an in-order curriculum is not done yet." },
            lessonsDone: { type: "integer", minimum: 0 },
            lessonsTotal: { type: "integer", minimum: 0 },
          }),
        },
      }),
    },
  }),
  Attempt: object({
    id: { type: "string" },
    courseSlug: { type: "string" },
    lessonSlug: { type: "string" },
    attemptNumber: { type: "integer", minimum: 1 },
    startedAt: dateTime,
    submittedAt: dateTime,
    score: { type: "integer", minimum: 0, maximum: 100, description: "Percent." },
    correctCount: { type: "integer", minimum: 0 },
    questionCount: { type: "integer", minimum: 0 },
    passed: { type: "boolean" },
  }),
  AttemptList: object(
    {
      personId: { type: "string" },
      data: { type: "array", items: ref("Attempt") },
      nextCursor: nullable("string", { description: "Pass as `cursor` for the next page; null on the last page." }),
    },
    "A page of submitted quiz attempts, oldest first.",
  ),
};

const errorResponse = (description: string, headers?: Record<string, unknown>): Response => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: ref("Error") } },
});

const responses: Record<string, Response> = {
  BadRequest: errorResponse("A query parameter or the body is not valid; the message names it."),
  Unauthenticated: errorResponse("No token, or an unknown, expired or revoked one."),
  Forbidden: errorResponse("The token's scope does not allow this request."),
  NotFound: errorResponse("Nothing with this id."),
  RateLimited: errorResponse(`More than ${API_TOKEN_RATE.limit} requests in a minute with this token.`, {
    "Retry-After": { description: "Seconds to wait before the next request.", schema: { type: "integer", minimum: 1 } },
  }),
};

const parameters: Record<string, Parameter> = {
  limit: {
    name: "limit",
    in: "query",
    required: false,
    description: `Rows per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
    schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
  },
  cursor: {
    name: "cursor",
    in: "query",
    required: false,
    description: "The previous page's nextCursor. Opaque: do not build one.",
    schema: { type: "string" },
  },
  personId: { name: "id", in: "path", required: true, description: "The person's id.", schema: { type: "string" }, example: "cm3personid0000" },
};

const paramRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
const query = (name: string, description: string, schema: Schema, example?: string): Parameter => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
  ...(example ? { example } : {}),
});
const ok = (schema: string, description: string): Response => ({ description, content: { "application/json": { schema: ref(schema) } } });
const READ = ["READ", "READ_WRITE"];

function get(
  operationId: string,
  summary: string,
  description: string,
  tag: string,
  result: [string, string],
  params: Operation["parameters"],
  { notFound = false, paged = false } = {},
): Operation {
  return {
    operationId,
    summary,
    description,
    tags: [tag],
    "x-baton-scopes": READ,
    security: [{ bearer: [] }],
    parameters: [...params, ...(paged ? [paramRef("limit"), paramRef("cursor")] : [])],
    responses: {
      "200": ok(...result),
      ...(params.length > 0 || paged ? { "400": responseRef("BadRequest") } : {}),
      "401": responseRef("Unauthenticated"),
      "403": responseRef("Forbidden"),
      ...(notFound ? { "404": responseRef("NotFound") } : {}),
      "429": responseRef("RateLimited"),
    },
  };
}

const active = query("active", "true: only active people; false: only deactivated ones. Default: both.", { type: "string", enum: ["true", "false"] }, "true");
const department = query("department", "Only people in this department (exact name).", { type: "string" }, "Support");

const paths = {
  "/people": {
    get: get(
      "listPeople",
      "List people",
      "Everyone in Baton, a page at a time, in the order they were added (then by id); people added later appear on later pages.",
      "People",
      ["PersonList", "A page of people."],
      [department, query("role", "Only people with this role.", { type: "string", enum: ["LEARNER", "MANAGER", "HR"] }, "LEARNER"), active],
      { paged: true },
    ),
  },
  "/people/{id}": {
    get: get("getPerson", "Get a person", "One person by id.", "People", ["Person", "The person."], [paramRef("personId")], { notFound: true }),
  },
  "/people/{id}/progress": {
    get: get(
      "getProgress",
      "A person's progress",
      "Each curriculum the person holds now, course by course: lessons done, due date (extensions applied), overdue, completion and waivers — as the learner's own page shows them.",
      "People",
      ["Progress", "The person's progress."],
      [paramRef("personId")],
      { notFound: true },
    ),
  },
  "/people/{id}/attempts": {
    get: get(
      "listAttempts",
      "A person's quiz attempts",
      "Submitted quiz attempts with scores, oldest first. Questions, answers and keys are never included.",
      "People",
      ["AttemptList", "A page of attempts."],
      [
        paramRef("personId"),
        query("courseSlug", "Only attempts in this course.", { type: "string" }, "internal-customer-service"),
        query("lessonSlug", "Only attempts at this lesson's quiz.", { type: "string" }),
      ],
      { notFound: true, paged: true },
    ),
  },
  "/curricula": {
    get: get(
      "listCurricula",
      "List curricula",
      "Every curriculum, archived ones included (marked), by name.",
      "Curricula",
      ["CurriculumList", "Every curriculum."],
      [],
    ),
  },
  "/curricula/{id}": {
    get: get(
      "getCurriculum",
      "Get a curriculum",
      "One curriculum with its courses in order and their due rules.",
      "Curricula",
      ["Curriculum", "The curriculum."],
      [{ name: "id", in: "path", required: true, description: "The curriculum's id.", schema: { type: "string" }, example: "cm3curriculum000" }],
      { notFound: true },
    ),
  },
  "/assignments": {
    get: get(
      "listAssignments",
      "List assignments",
      "Who holds which curriculum now, directly or through a group rule, oldest first.",
      "Assignments",
      ["AssignmentList", "A page of assignments."],
      [
        query("personId", "Only this person's assignments.", { type: "string" }),
        query("curriculumId", "Only this curriculum's assignments.", { type: "string" }),
      ],
      { paged: true },
    ),
    post: {
      operationId: "assignCurriculum",
      summary: "Assign a curriculum to a person",
      description: `Assigns directly, as HR's curriculum page does: due dates, readiness and notifications follow, and the audit log names the token. Assigning what the person already holds directly changes nothing (200). JSON body, at most ${MAX_BODY_BYTES / 1024} KB.`,
      tags: ["Assignments"],
      "x-baton-scopes": ["READ_WRITE"],
      security: [{ bearer: [] }],
      parameters: [],
      requestBody: {
        required: true,
        content: { "application/json": { schema: ref("AssignmentInput"), example: { personId: "cm3personid0000", curriculumId: "cm3curriculum000" } } },
      },
      responses: {
        "201": ok("Assignment", "Assigned."),
        "200": ok("Assignment", "The person already held it directly; nothing changed."),
        "400": responseRef("BadRequest"),
        "401": responseRef("Unauthenticated"),
        "403": responseRef("Forbidden"),
        "404": errorResponse("No person or no curriculum with that id."),
        "409": errorResponse("The curriculum is archived or the person is deactivated."),
        "413": errorResponse(`The body is over ${MAX_BODY_BYTES / 1024} KB.`),
        "415": errorResponse("The body is not application/json."),
        "429": responseRef("RateLimited"),
      },
    } satisfies Operation,
  },
  "/readiness": {
    get: get(
      "listReadiness",
      "List readiness",
      "Each person's readiness (state, reasons, curricula done) as HR's readiness report shows it, for the people the report covers (learners and anyone holding a curriculum), in the order they were added.",
      "Readiness",
      ["ReadinessList", "A page of readiness summaries."],
      [
        query("state", "Only people in this state.", { type: "string", enum: [...READINESS_STATES] }, "OVERDUE"),
        department,
        query("managerId", "Only this manager's direct reports.", { type: "string" }),
        query("curriculumId", "Only people holding this curriculum.", { type: "string" }),
        active,
      ],
      { paged: true },
    ),
  },
} satisfies Record<string, Record<string, Operation>>;

/** The document; `origin` (e.g. https://baton.example.com) makes the server URL absolute. */
export function openApiDocument(origin?: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Baton API",
      version: "1.0.0",
      description: `Read people, curricula, assignments, readiness, progress and quiz attempts, and assign curricula. Authenticate with an API token HR creates on the Integrations page: \`Authorization: Bearer baton_…\`. READ tokens may only GET; READ_WRITE tokens may also POST. Each token may make ${API_TOKEN_RATE.limit} requests a minute. Lists are paged with \`limit\` and the opaque \`cursor\` from the previous page's \`nextCursor\`.`,
    },
    servers: [{ url: `${origin ?? ""}/api/v1` }],
    security: [{ bearer: [] }],
    tags: [{ name: "People" }, { name: "Curricula" }, { name: "Assignments" }, { name: "Readiness" }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token: baton_ followed by 40 characters." } },
      schemas,
      responses,
      parameters,
    },
  };
}
