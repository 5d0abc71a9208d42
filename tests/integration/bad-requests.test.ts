import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import { assignPeople } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { prisma } from "~/.server/db";
import { readUploadForm } from "~/.server/forms/read";
import { action as curriculumNewAction } from "~/routes/_app.hr.curricula.new";
import { action as personAction } from "~/routes/_app.hr.people.$personId";
import { action as newPersonAction } from "~/routes/_app.hr.people.new";
import { action as lessonAction } from "~/routes/_app.learn.$courseSlug.$lessonSlug";
import { action as teamPersonAction } from "~/routes/_app.team.$personId";
import { action as loginAction } from "~/routes/login";
import { TEST_PASSWORD, createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

const ctx = { context: {} };
const COURSE = "internal-customer-service";

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

/** A POST as a script (not a browser form) might send it: any body, any content type or none. */
function rawPost(path: string, init: { cookie?: string; body: BodyInit; type?: string }) {
  const headers = new Headers({ Origin: "http://localhost:3000", "x-baton-client-ip": freshIp() });
  if (init.cookie) headers.set("Cookie", init.cookie);
  if (init.type) headers.set("Content-Type", init.type);
  const request = new Request(`http://localhost:3000${path}`, { method: "POST", headers, body: init.body });
  // A Blob or string body gets a Content-Type from fetch; "no content type" means none at all.
  if (!init.type) request.headers.delete("Content-Type");
  return request;
}

let hr: Awaited<ReturnType<typeof createTestPerson>>;
let hrCookie: string;
let learnerCookie: string;
let lessonSlug: string;
beforeAll(async () => {
  hr = await createTestPerson({ role: "HR" });
  hrCookie = (await signedInCookie(hr.id)).cookie;
  const learner = await createTestPerson();
  learnerCookie = (await signedInCookie(learner.id)).cookie;
  lessonSlug = getCourse(COURSE)!.lessons[0]!.slug;
});

const counts = async () => ({ people: await prisma.person.count(), sessions: await prisma.session.count(), progress: await prisma.lessonProgress.count() });

describe("bodies that are not a form", () => {
  const bodies = [
    ["a JSON body", JSON.stringify({ email: "x@test.baton", password: TEST_PASSWORD }), "application/json"],
    ["a plain-text body", "email=x@test.baton&password=whatever", "text/plain;charset=UTF-8"],
    ["a body without a content type", "email=x@test.baton&password=whatever", undefined],
  ] as const;

  for (const [label, body, type] of bodies) {
    it(`${label} is refused with 415 by the sign-in, the person form and a lesson, and nothing is written`, async () => {
      const before = await counts();
      const login = await outcomeOf(loginAction({ request: rawPost("/login", { body, type }), params: {}, ...ctx }));
      const person = await outcomeOf(newPersonAction({ request: rawPost("/hr/people/new", { body, type, cookie: hrCookie }), params: {}, ...ctx }));
      const lesson = await outcomeOf(
        lessonAction({
          request: rawPost(`/learn/${COURSE}/${lessonSlug}`, { body, type, cookie: learnerCookie }),
          params: { courseSlug: COURSE, lessonSlug },
          ...ctx,
        }),
      );
      for (const outcome of [login, person, lesson]) {
        expect(outcome.status).toBe(415);
        expect(outcome.body).toMatch(/Send this as a form/);
      }
      expect(await counts()).toEqual(before);
    });
  }

  it("a multipart body that does not parse is 400, not 500, and nothing is written", async () => {
    const before = await counts();
    const broken = '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nx@test.baton\r\n--XY'; // cut off mid-boundary
    const login = await outcomeOf(loginAction({ request: rawPost("/login", { body: broken, type: "multipart/form-data; boundary=XYZ" }), params: {}, ...ctx }));
    const noBoundary = await outcomeOf(
      newPersonAction({ request: rawPost("/hr/people/new", { body: broken, type: "multipart/form-data", cookie: hrCookie }), params: {}, ...ctx }),
    );
    for (const outcome of [login, noBoundary]) {
      expect(outcome.status).toBe(400);
      expect(outcome.body).toMatch(/could not be read/);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("the upload reader the import page can use (readUploadForm)", () => {
  const memory = () => unstable_createMemoryUploadHandler({ maxPartSize: 1024 });
  const upload = (body: string, type = "multipart/form-data; boundary=XYZ") => rawPost("/hr/import", { body, type, cookie: hrCookie });
  const refusal = (run: Promise<unknown>) =>
    run.then(
      () => ({ status: 0, body: "read" }),
      (e: unknown) => outcomeOf(Promise.reject(e)),
    );
  const part = (name: string, value: string) => `--XYZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

  it("answers 400, not 500, to a multipart body that does not parse", async () => {
    for (const [body, type] of [
      [`${part("file", "email")}--XY`, undefined], // cut off mid-boundary
      ["junk", "multipart/form-data"], // no boundary
    ] as const) {
      const out = await refusal(readUploadForm(upload(body, type), memory()));
      expect(out).toMatchObject({ status: 400, body: "The form could not be read. Reload the page and try again." });
    }
  });

  it("answers 415 to anything but multipart, and 413 past the number of parts the form sends", async () => {
    expect(await refusal(readUploadForm(rawPost("/hr/import", { body: "{}", type: "application/json" }), memory()))).toMatchObject({ status: 415 });
    const many = `${Array.from({ length: 11 }, (_, i) => part(`f${i}`, "x")).join("")}--XYZ--\r\n`;
    expect(await refusal(readUploadForm(upload(many), memory()))).toMatchObject({ status: 413, body: expect.stringMatching(/more than 10 parts/) });
    const few = await readUploadForm(upload(`${part("file", "email,name")}--XYZ--\r\n`), memory());
    expect(few.get("file")).toBe("email,name");
  });

  it("leaves the upload handler's own refusals to the page, which explains the size limit", async () => {
    const big = `${part("file", "x".repeat(2048))}--XYZ--\r\n`;
    await expect(readUploadForm(upload(big), memory())).rejects.toBeInstanceOf(MaxPartSizeExceededError);
  });
});

describe("impossible dates", () => {
  const person = (startDate: string) => ({
    intent: "save",
    email: `dated-${startDate.replace(/\W/g, "")}@test.baton`,
    name: "Dee Date",
    role: "LEARNER",
    startDate,
  });

  for (const [startDate, message] of [
    ["2026-02-31", "That date does not exist."],
    ["2026-13-01", "That date does not exist."],
    ["2026-00-10", "That date does not exist."],
    ["yesterday", "Use a date like 2026-03-31."],
    ["0000-01-01", "Use a year from 1900 to 2999."],
  ] as const) {
    it(`a start date of "${startDate}" is a field error (400) on the new-person and edit forms, and nothing is written`, async () => {
      const before = await counts();
      const created = await outcomeOf(
        newPersonAction({ request: makeRequest("/hr/people/new", { cookie: hrCookie, form: person(startDate) }), params: {}, ...ctx }),
      );
      expect(created.status).toBe(400);
      expect(created.data.errors).toEqual({ startDate: message });
      expect(await counts()).toEqual(before);

      const someone = await createTestPerson({ startDate: new Date("2026-11-01T00:00:00Z") });
      const edited = await outcomeOf(
        personAction({
          request: makeRequest(`/hr/people/${someone.id}`, { cookie: hrCookie, form: { ...person(startDate), email: someone.email } }),
          params: { personId: someone.id },
          ...ctx,
        }),
      );
      expect(edited.status).toBe(400);
      expect(having(edited.data, "errors").errors).toEqual({ startDate: message });
      expect((await prisma.person.findUniqueOrThrow({ where: { id: someone.id } })).startDate).toEqual(new Date("2026-11-01T00:00:00Z"));
    });
  }

  it("an impossible curriculum due date is a field error, and no curriculum is made", async () => {
    const before = await prisma.curriculum.count();
    const form = { intent: "save", name: "Dated curriculum", dueKind: "date", dueDate: "2026-02-30", [`course.${COURSE}.include`]: "on" };
    const out = await outcomeOf(curriculumNewAction({ request: makeRequest("/hr/curricula/new", { cookie: hrCookie, form }), params: {}, ...ctx }));
    expect(out.status).toBe(400);
    expect(out.data.errors).toMatchObject({ dueDate: "That date does not exist." });
    expect(await prisma.curriculum.count()).toBe(before);
  });

  it("an impossible extended due date is a field error, not a quietly shifted day", async () => {
    const manager = await createTestPerson({ role: "MANAGER" });
    const learner = await createTestPerson({ managerId: manager.id });
    const curriculum = await createCurriculum(
      { name: "Due soon", description: "", inOrder: false, dueRule: { kind: "days", days: 10 }, courses: [{ slug: COURSE, required: true, dueRule: null }] },
      { actor: hr, ip: null },
    );
    await assignPeople(curriculum.id, [learner.email], { actor: hr, ip: null });
    const before = await prisma.override.count();
    const { cookie } = await signedInCookie(manager.id);
    const nextYear = new Date().getUTCFullYear() + 1;
    const form = { intent: "extend-due", course: COURSE, dueDate: `${nextYear}-02-31`, reason: "Out sick for two weeks." };
    const out = await outcomeOf(teamPersonAction({ request: makeRequest(`/team/${learner.id}`, { cookie, form }), params: { personId: learner.id }, ...ctx }));
    expect(out.status).toBe(400);
    expect(having(out.data, "fieldErrors").fieldErrors).toEqual({ dueDate: "That date does not exist." });
    expect(await prisma.override.count()).toBe(before);
  });
});

describe("where a sign-in goes next", () => {
  for (const redirectTo of ["/learn/ü", "/€", "/learn/日本語?q=ß#x"]) {
    it(`a correct sign-in with redirectTo ${JSON.stringify(redirectTo)} succeeds, to the same place written in ASCII`, async () => {
      const person = await createTestPerson();
      const out = await outcomeOf(
        loginAction({
          request: makeRequest("/login", { form: { email: person.email, password: TEST_PASSWORD, redirectTo }, ip: freshIp() }),
          params: {},
          ...ctx,
        }),
      );
      expect(out.status).toBe(302);
      expect(out.location).toBe(encodeURI(redirectTo));
      expect(out.location).toMatch(/^\/[\x21-\x7e]*$/);
      expect(out.headers.get("Set-Cookie")).toMatch(/^baton_session=/);
    });
  }
});
