import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { loader as exportLoader } from "~/routes/hr.export[.]zip";
import { loader as exportPageLoader } from "~/routes/_app.hr.integrations.export";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { unzip } from "./helpers/unzip";

const ctx = { context: {}, params: {} };
const marker = (what: string) => `${what}-${Math.random().toString(36).slice(2, 12)}`;

/** Secrets stored in the database that must never reach the zip. */
const secrets = {
  calendarTokenHash: marker("calendar-token-hash"),
  invitationTokenHash: marker("invitation-token-hash"),
  apiTokenHash: marker("api-token-hash"),
  webhookSecretSealed: `v1:${marker("webhook-sealed")}`,
  lrsSecretSealed: `v1:${marker("lrs-sealed")}`,
  orgSecret: marker("org-secret"),
  clientSecretSealed: `v1:${marker("client-secret-sealed")}`,
  answerKey: marker("answer-key-explanation"),
};

/** A database count per file: what each CSV must hold. */
const tableCounts: Record<string, () => Promise<number>> = {
  "people.csv": () => prisma.person.count(),
  "curricula.csv": () => prisma.curriculum.count(),
  "curriculum-courses.csv": () => prisma.curriculumCourse.count(),
  "assignment-rules.csv": () => prisma.assignmentRule.count(),
  "assignments.csv": () => prisma.assignment.count(),
  "progress.csv": () => prisma.lessonProgress.count(),
  "attempts.csv": () => prisma.quizAttempt.count(),
  "sign-offs.csv": () => prisma.practiceSubmission.count(),
  "overrides.csv": () => prisma.override.count(),
  "feedback.csv": () => prisma.lessonFeedback.count(),
  "stories.csv": () => prisma.serviceStory.count(),
  "certificates.csv": () => prisma.certificate.count(),
  "audit.csv": () => prisma.auditEvent.count(),
};

type Org = Awaited<ReturnType<typeof seedOrganisation>>;

/** A small organisation with a row in every table the export covers, and a secret in every table that has one. */
async function seedOrganisation() {
  const hr = await createTestPerson({ role: "HR", name: "Hana HR", department: "People" });
  const manager = await createTestPerson({ role: "MANAGER", name: "Mo Manager" });
  const learner = await createTestPerson({ name: 'Lee, "the" Learner', managerId: manager.id, startDate: new Date("2026-11-02T00:00:00Z") });
  await prisma.person.update({ where: { id: learner.id }, data: { jobTitle: "=Agent", employeeId: "E-1001", calendarTokenHash: secrets.calendarTokenHash } });
  const leaver = await createTestPerson({ name: "Dee Parted", email: "dee.parted@test.baton" });
  await prisma.person.update({ where: { id: leaver.id }, data: { deactivatedAt: new Date("2026-11-20T12:00:00Z") } });

  const curriculum = await prisma.curriculum.create({ data: { name: "Support onboarding", dueDays: 14 } });
  await prisma.curriculumCourse.create({ data: { curriculumId: curriculum.id, courseSlug: "welcome", position: 1 } });
  const rule = await prisma.assignmentRule.create({ data: { curriculumId: curriculum.id, kind: "DEPARTMENT", value: "Support", createdById: hr.id } });
  await prisma.assignment.create({ data: { personId: learner.id, curriculumId: curriculum.id, ruleId: rule.id } });
  await prisma.assignment.create({
    data: { personId: leaver.id, curriculumId: curriculum.id, assignedById: hr.id, unassignedAt: new Date("2026-11-20T12:00:00Z"), unassignedById: hr.id },
  });

  await prisma.lessonProgress.create({
    data: {
      personId: learner.id,
      courseSlug: "welcome",
      lessonSlug: "hello",
      courseVersion: "v1",
      status: "COMPLETED",
      completedAt: new Date("2026-11-03T10:00:00Z"),
    },
  });
  const keyed = [{ id: "q1", type: "single", options: [{ text: "Right", correct: true, feedback: secrets.answerKey }], explanation: secrets.answerKey }];
  const attempt = await prisma.quizAttempt.create({
    data: {
      personId: learner.id,
      courseSlug: "welcome",
      lessonSlug: "hello",
      courseVersion: "v1",
      attemptNumber: 1,
      submittedAt: new Date("2026-11-03T10:05:00Z"),
      items: JSON.stringify(keyed),
      answers: JSON.stringify({ q1: [0] }),
      results: JSON.stringify([{ id: "q1", correct: true, explanation: secrets.answerKey }]),
      correctCount: 4,
      questionCount: 5,
      score: 80,
      passed: true,
    },
  });
  await prisma.practiceSubmission.create({
    data: {
      personId: learner.id,
      courseSlug: "welcome",
      lessonSlug: "practice",
      note: "Handled a refund, with my team lead watching",
      status: "SIGNED_OFF",
      reviewedAt: new Date("2026-11-04T15:00:00Z"),
      reviewerId: manager.id,
      reviewerName: manager.name,
      comment: "Well done",
    },
  });
  await prisma.override.create({
    data: { personId: learner.id, kind: "WAIVER", courseSlug: "welcome", reason: "Done elsewhere", createdById: hr.id, createdByName: hr.name },
  });
  await prisma.lessonFeedback.create({ data: { personId: learner.id, courseSlug: "welcome", lessonSlug: "hello", rating: 5, comment: "Useful" } });
  await prisma.lessonFeedback.create({ data: { courseSlug: "welcome", lessonSlug: "hello", rating: 2, comment: "+ more examples", anonymous: true } });
  await prisma.serviceStory.create({ data: { authorId: manager.id, subjectId: leaver.id, behaviour: "ownership", text: "Stayed late, fixed it" } });

  // Secrets in every other table that holds one.
  await prisma.invitation.create({ data: { personId: leaver.id, tokenHash: secrets.invitationTokenHash, expiresAt: new Date("2026-12-01T00:00:00Z") } });
  await prisma.apiToken.create({
    data: {
      name: "HRIS",
      tokenHash: secrets.apiTokenHash,
      prefix: "bat_ab",
      scope: "READ",
      createdAt: new Date(),
      expiresAt: new Date("2027-01-01T00:00:00Z"),
    },
  });
  await prisma.webhookEndpoint.create({
    data: { url: "https://hooks.example.com/baton", events: "[]", secretSealed: secrets.webhookSecretSealed, createdAt: new Date() },
  });
  await prisma.orgSettings.upsert({
    where: { id: 1 },
    create: { id: 1, secret: secrets.orgSecret, lrsSecretSealed: secrets.lrsSecretSealed },
    update: { secret: secrets.orgSecret, lrsSecretSealed: secrets.lrsSecretSealed },
  });
  await prisma.identityProvider.create({
    data: { slug: "okta", name: "Okta", issuer: "https://idp.example.com", clientId: "baton", clientSecretSealed: secrets.clientSecretSealed },
  });
  // More audit events than one page, several in the same millisecond: paging must neither skip nor repeat any.
  const at = new Date("2026-11-10T08:00:00Z");
  await prisma.auditEvent.createMany({
    data: Array.from({ length: 1203 }, (_, i) => ({
      action: "sign_in",
      actorId: learner.id,
      actorEmail: learner.email,
      at: new Date(at.getTime() + Math.floor(i / 7)),
    })),
  });

  const session = await signedInCookie(hr.id);
  return { hr, manager, learner, leaver, curriculum, attempt, cookie: session.cookie, sessionId: session.sessionId };
}

async function download(cookie: string) {
  const response = await exportLoader({ request: makeRequest("/hr/export.zip", { cookie }), ...ctx });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

const parse = (csv: Buffer) => {
  const parsed = Papa.parse<Record<string, string>>(csv.toString("utf8"), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};

describe("HR's data export", () => {
  let org: Org;
  let files: Map<string, Buffer>;
  let response: Response;
  let bytes: Buffer;
  let passwordHash: string;
  let auditBefore: number;

  beforeAll(async () => {
    org = await seedOrganisation();
    passwordHash = (await prisma.person.findUniqueOrThrow({ where: { id: org.learner.id } })).passwordHash!;
    auditBefore = await prisma.auditEvent.count();
    const got = await download(org.cookie);
    response = got.response;
    bytes = got.bytes;
    files = await unzip(got.bytes);
  });

  it("is a zip download named for the day", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="baton-export-\d{4}-\d{2}-\d{2}\.zip"$/);
  });

  it("holds every file and a README, each CSV with as many rows as its table", async () => {
    expect([...files.keys()].sort()).toEqual([...Object.keys(tableCounts), "README.md"].sort());
    const readme = files.get("README.md")!.toString("utf8");
    const manifest = JSON.parse(
      readme
        .split("\n")
        .find((l) => l.startsWith("manifest: "))!
        .slice("manifest: ".length),
    );
    for (const [name, count] of Object.entries(tableCounts)) {
      const rows = parse(files.get(name)!);
      // The audit row of this export is written before the files are read, so audit.csv holds it.
      expect(rows.length, name).toBe(await count());
      expect(manifest.rows[name], name).toBe(rows.length);
      expect(readme).toContain(`## ${name}`);
    }
    expect(manifest.batonVersion).toMatch(/^\d+\.\d+\.\d+/);
    const auditIds = parse(files.get("audit.csv")!).map((r) => r.id);
    expect(new Set(auditIds).size).toBe(auditIds.length);
  });

  it("writes a person's fields, their manager by id and e-mail, and keeps a deactivated person's name and e-mail", () => {
    const people = parse(files.get("people.csv")!);
    const lee = people.find((p) => p.id === org.learner.id)!;
    expect(lee).toMatchObject({
      email: org.learner.email,
      name: 'Lee, "the" Learner',
      role: "LEARNER",
      department: "Support",
      job_title: "'=Agent",
      employee_id: "E-1001",
      start_date: "2026-11-02",
      manager_id: org.manager.id,
      manager_email: org.manager.email,
      active: "true",
      deactivated_at: "",
    });
    expect(lee.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(people.find((p) => p.id === org.leaver.id)).toMatchObject({
      name: "Dee Parted",
      email: "dee.parted@test.baton",
      active: "false",
      deactivated_at: "2026-11-20T12:00:00.000Z",
    });
    const assignments = parse(files.get("assignments.csv")!);
    expect(assignments.find((a) => a.person_id === org.leaver.id)).toMatchObject({
      person_email: "dee.parted@test.baton",
      curriculum_name: "Support onboarding",
      assigned_by_email: org.hr.email,
      unassigned_at: "2026-11-20T12:00:00.000Z",
    });
    expect(parse(files.get("stories.csv")!)[0]).toMatchObject({ author_email: org.manager.email, subject_email: "dee.parted@test.baton" });
    expect(parse(files.get("sign-offs.csv")!)[0]).toMatchObject({ person_email: org.learner.email, reviewer_email: org.manager.email, status: "SIGNED_OFF" });
    const anonymous = parse(files.get("feedback.csv")!).find((f) => f.anonymous === "true")!;
    expect(anonymous).toMatchObject({ person_id: "", person_email: "", comment: "'+ more examples" });
  });

  it("writes a quiz attempt's score and never its questions, answers or key", () => {
    const [row] = parse(files.get("attempts.csv")!);
    expect(row).toMatchObject({
      id: org.attempt.id,
      person_email: org.learner.email,
      course_slug: "welcome",
      lesson_slug: "hello",
      attempt_number: "1",
      correct_count: "4",
      question_count: "5",
      score: "80",
      passed: "true",
      submitted_at: "2026-11-03T10:05:00.000Z",
    });
    for (const column of ["items", "answers", "results"]) expect(row).not.toHaveProperty(column);
  });

  it("holds no secret anywhere: not in any file, not in the zip's bytes", async () => {
    const everything = Buffer.concat([...files.values()]).toString("utf8");
    const forbidden = { ...secrets, passwordHash, sessionId: org.sessionId };
    for (const [name, secret] of Object.entries(forbidden)) expect(everything.includes(secret), name).toBe(false);
    // And the zip's own bytes (names, headers, anything stored as is).
    for (const [name, secret] of Object.entries(forbidden)) expect(bytes.includes(secret), name).toBe(false);
  });

  it("is audited as it starts, with who exported and the rows of each file", async () => {
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "data.exported", actorId: org.hr.id }, orderBy: { at: "asc" } });
    expect(event.actorEmail).toBe(org.hr.email);
    expect(event.ip).toBe("203.0.113.7");
    const details = JSON.parse(event.details!);
    expect(details.rows["people.csv"]).toBe(4);
    expect(details.rows["attempts.csv"]).toBe(1);
    expect(details.rows["audit.csv"]).toBe(auditBefore);
    const audit = parse(files.get("audit.csv")!);
    expect(audit.at(-1)).toMatchObject({ action: "data.exported", actor_id: org.hr.id, actor_email: org.hr.email });
  });

  it("refuses a learner and a manager (403, recorded) and sends a signed-out browser to sign in", async () => {
    for (const person of [org.learner, org.manager]) {
      const { cookie } = await signedInCookie(person.id);
      const refused = await outcomeOf(exportLoader({ request: makeRequest("/hr/export.zip", { cookie }), ...ctx }));
      expect(refused.status).toBe(403);
      expect(await prisma.auditEvent.count({ where: { action: "authorization.refused", actorId: person.id, target: "/hr/export.zip" } })).toBe(1);
      expect(await prisma.auditEvent.count({ where: { action: "data.exported", actorId: person.id } })).toBe(0);
    }
    const signedOut = await outcomeOf(exportLoader({ request: makeRequest("/hr/export.zip"), ...ctx }));
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toBe(`/login?${new URLSearchParams({ redirectTo: "/hr/export.zip" })}`);
    const page = await outcomeOf(
      exportPageLoader({ request: makeRequest("/hr/integrations/export", { cookie: (await signedInCookie(org.learner.id)).cookie }), ...ctx }),
    );
    expect(page.status).toBe(403);
  });

  it("shows HR a page listing every file and column of the export", async () => {
    const page = await outcomeOf(exportPageLoader({ request: makeRequest("/hr/integrations/export", { cookie: org.cookie }), ...ctx }));
    expect(page.status).toBe(200);
    expect(page.data.files.map((f: { name: string }) => f.name).sort()).toEqual(Object.keys(tableCounts).sort());
    expect(page.data.files.find((f) => f.name === "people.csv")?.columns.map((c) => c.name)).toContain("manager_email");
  });
});
