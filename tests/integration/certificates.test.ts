/**
 * Certificates: issued in the write that completes a curriculum, downloadable as a PDF by the right people,
 * verifiable by anyone (rate-limited), revocable once by HR.
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createCurriculum } from "~/.server/curricula/curricula";
import { assignPeople } from "~/.server/curricula/assignments";
import { formatCode } from "~/.server/certificates/code";
import { longDate } from "~/.server/certificates/dates";
import { prisma } from "~/.server/db";
import { loader as pdfLoader } from "~/routes/certificates.$certificateId[.]pdf";
import { action as hrAction, loader as hrLoader } from "~/routes/_app.hr.certificates";
import { loader as completionLoader } from "~/routes/_app.learn.certificates.$certificateId";
import { loader as verifyLoader } from "~/routes/verify.$code";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { coursePool, finishCourse, override, type Actor } from "./helpers/readiness-world";

let hr: Actor;
let hrCookie: string;
let first: ReturnType<typeof coursePool>[number];
let second: ReturnType<typeof coursePool>[number];
let unique = 0;
const ctx = { context: {} };

beforeAll(async () => {
  const p = await createTestPerson({ role: "HR", name: "Hana HR" });
  hr = { id: p.id, name: p.name, email: p.email, role: "HR" };
  hrCookie = (await signedInCookie(p.id)).cookie;
  [first, second] = coursePool(2) as [typeof first, typeof second];
});

/** A person holding a fresh curriculum of the two courses (the second optional unless said otherwise). */
async function learnerWith(courses: { slug: string; required: boolean }[], managerId?: string) {
  unique += 1;
  const person = await createTestPerson({ name: `Cora Complete ${unique}`, managerId });
  const curriculum = await createCurriculum(
    { name: `Support basics ${unique}`, description: "", inOrder: false, dueRule: null, courses: courses.map((c) => ({ ...c, dueRule: null })) },
    { actor: hr, ip: null },
    new Date(),
  );
  if (!("id" in curriculum)) throw new Error("curriculum not created");
  await assignPeople(curriculum.id, [person.email], { actor: hr, ip: null }, new Date());
  return { person, curriculumId: curriculum.id };
}

const certificatesOf = (personId: string) => prisma.certificate.findMany({ where: { personId } });
const verify = (code: string, ip = "198.51.100.1") => outcomeOf(verifyLoader({ request: makeRequest(`/verify/${code}`, { ip }), params: { code }, ...ctx }));

async function pdfText(bytes: ArrayBuffer) {
  const standardFontDataUrl = `${process.cwd()}/node_modules/pdfjs-dist/standard_fonts/`;
  const doc = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  return content.items.map((i) => ("str" in i ? i.str : "")).join(" ");
}

describe("issuing", () => {
  it("issues exactly one certificate, with a notification, when the last required course is completed", async () => {
    const { person, curriculumId } = await learnerWith([
      { slug: first.slug, required: true },
      { slug: second.slug, required: true },
    ]);
    await finishCourse(person.id, first, hr, new Date());
    expect(await certificatesOf(person.id)).toHaveLength(0);
    await finishCourse(person.id, second, hr, new Date());
    const certificates = await certificatesOf(person.id);
    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({ curriculumId, personName: person.name, revokedAt: null, validUntil: null });
    expect(certificates[0]!.code).toMatch(/^[A-HJ-NP-Z2-9]{16}$/);
    const notes = await prisma.notification.findMany({ where: { personId: person.id, kind: "certificate_issued" } });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toMatch(/^Your certificate for Support basics/);
    expect(notes[0]!.link).toBe(`/learn/certificates/${certificates[0]!.id}`);
    // Another write for the same person issues nothing more.
    await finishCourse(person.id, second, hr, new Date());
    expect(await certificatesOf(person.id)).toHaveLength(1);
  });

  it("counts a waived required course as done", async () => {
    const { person } = await learnerWith([
      { slug: first.slug, required: true },
      { slug: second.slug, required: true },
    ]);
    await finishCourse(person.id, first, hr, new Date());
    expect(await certificatesOf(person.id)).toHaveLength(0);
    expect(await override(hr, person.id, { intent: "waive", course: second.slug, reason: "Did this at the old job" }, new Date())).toMatchObject({
      kind: "created",
    });
    expect(await certificatesOf(person.id)).toHaveLength(1);
  });

  it("does not wait for optional courses, nor count them", async () => {
    const a = await learnerWith([
      { slug: first.slug, required: true },
      { slug: second.slug, required: false },
    ]);
    await finishCourse(a.person.id, first, hr, new Date());
    expect(await certificatesOf(a.person.id)).toHaveLength(1);

    const b = await learnerWith([{ slug: second.slug, required: false }]);
    await finishCourse(b.person.id, second, hr, new Date());
    expect(await certificatesOf(b.person.id)).toHaveLength(0);
  });
});

describe("the PDF", () => {
  it("parses, names the person, the curriculum and the code, and only the holder, their manager and HR get it", async () => {
    const manager = await createTestPerson({ role: "MANAGER", name: "Max Manager" });
    const { person } = await learnerWith([{ slug: first.slug, required: true }], manager.id);
    await finishCourse(person.id, first, hr, new Date());
    const [certificate] = await certificatesOf(person.id);
    const download = async (personId: string) => {
      const { cookie } = await signedInCookie(personId);
      const path = `/certificates/${certificate!.id}.pdf`;
      try {
        return await pdfLoader({ request: makeRequest(path, { cookie }), params: { certificateId: certificate!.id }, ...ctx });
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    };
    const own = await download(person.id);
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Type")).toBe("application/pdf");
    expect(own.headers.get("Content-Disposition")).toBe(`attachment; filename="certificate-${formatCode(certificate!.code)}.pdf"`);
    const text = await pdfText(await own.arrayBuffer());
    expect(text).toContain(person.name);
    expect(text).toContain(certificate!.curriculumName);
    expect(text).toContain(formatCode(certificate!.code));
    expect(text).toContain("No expiry");
    expect(text).toContain(longDate(certificate!.issuedAt));

    expect((await download(manager.id)).status).toBe(200);
    expect((await download(hr.id)).status).toBe(200);
    const stranger = await createTestPerson({ name: "Sam Stranger" });
    const refused = await download(stranger.id);
    expect(refused.status).toBe(404);
    expect(refused.headers.get("Content-Type")).not.toBe("application/pdf");
  });
});

describe("verification", () => {
  async function issued() {
    const { person } = await learnerWith([{ slug: first.slug, required: true }]);
    await finishCourse(person.id, first, hr, new Date());
    return (await certificatesOf(person.id))[0]!;
  }

  it("states valid, expired or revoked, with the name, curriculum and date only, for the code in any form", async () => {
    const c = await issued();
    const page = await verify(formatCode(c.code).toLowerCase());
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ status: "valid", personName: c.personName, curriculumName: c.curriculumName, code: formatCode(c.code) });
    expect(Object.keys(page.data).sort()).toEqual(["code", "curriculumName", "issuedAt", "personName", "revokedAt", "status", "validUntil"]);
    expect(page.headers.get("X-Robots-Tag")).toBe("noindex");

    await prisma.certificate.update({ where: { id: c.id }, data: { validUntil: new Date(Date.now() - 86_400_000) } });
    expect((await verify(c.code)).data.status).toBe("expired");

    await prisma.certificate.update({ where: { id: c.id }, data: { revokedAt: new Date(), revokedReason: "Secret reason" } });
    const revoked = await verify(c.code);
    expect(revoked.data.status).toBe("revoked");
    expect(JSON.stringify(revoked.data)).not.toContain("Secret reason");
  });

  it("answers an unknown code with a plain 404 that hints at nothing", async () => {
    for (const code of ["ABCD-EFGH-JKLM-NPQR", "nonsense", "0000"]) {
      const page = await verify(code, "198.51.100.2");
      expect(page.status).toBe(404);
      expect(page.body).toBe("No certificate has this code.");
    }
  });

  it("limits lookups per client address to 30 in ten minutes", async () => {
    const c = await issued();
    for (let i = 0; i < 30; i++) expect((await verify(c.code, "198.51.100.3")).status).toBe(200);
    expect((await verify(c.code, "198.51.100.3")).status).toBe(429);
    expect((await verify("ABCD-EFGH-JKLM-NPQR", "198.51.100.3")).status).toBe(429);
    expect((await verify(c.code, "198.51.100.4")).status).toBe(200);
  });
});

describe("revoking", () => {
  it("is idempotent, audited and notifies the holder once; the holder still sees it, marked revoked", async () => {
    const { person } = await learnerWith([{ slug: first.slug, required: true }]);
    await finishCourse(person.id, first, hr, new Date());
    const [c] = await certificatesOf(person.id);
    const revoke = (reason: string) =>
      outcomeOf(hrAction({ request: makeRequest("/hr/certificates", { cookie: hrCookie, form: { certificateId: c!.id, reason } }), params: {}, ...ctx }));

    const tooShort = await revoke("no");
    expect(tooShort.status).toBe(400);
    expect(tooShort.data.errors.reason).toMatch(/at least 3/);
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: c!.id } })).revokedAt).toBeNull();

    const once = await revoke("Issued by mistake: the waiver was wrong");
    expect(once.status).toBe(200);
    expect(once.data.message).toMatch(/^Revoked/);
    const twice = await revoke("Another reason");
    expect(twice.data.message).toMatch(/already revoked.*nothing changed/);

    const stored = await prisma.certificate.findUniqueOrThrow({ where: { id: c!.id } });
    expect(stored).toMatchObject({ revokedReason: "Issued by mistake: the waiver was wrong", revokedById: hr.id });
    const audits = await prisma.auditEvent.findMany({ where: { action: "certificate.revoked", subjectId: person.id } });
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.details!)).toMatchObject({ reason: "Issued by mistake: the waiver was wrong" });
    expect(await prisma.notification.count({ where: { personId: person.id, kind: "certificate_revoked" } })).toBe(1);
    expect((await verify(c!.code, "198.51.100.5")).data.status).toBe("revoked");

    // Not issued again when readiness is written once more.
    await finishCourse(person.id, first, hr, new Date());
    expect(await certificatesOf(person.id)).toHaveLength(1);

    const list = await outcomeOf(hrLoader({ request: makeRequest("/hr/certificates", { cookie: hrCookie }), params: {}, ...ctx }));
    expect(list.data.certificates.find((x: { id: string }) => x.id === c!.id)).toMatchObject({ status: "revoked" });
  });

  it("shows the completion screen to its owner only", async () => {
    const { person } = await learnerWith([{ slug: first.slug, required: true }]);
    await finishCourse(person.id, first, hr, new Date());
    const [c] = await certificatesOf(person.id);
    const open = async (personId: string) =>
      outcomeOf(
        completionLoader({
          request: makeRequest(`/learn/certificates/${c!.id}`, { cookie: (await signedInCookie(personId)).cookie }),
          params: { certificateId: c!.id },
          ...ctx,
        }),
      );
    const own = await open(person.id);
    expect(own.status).toBe(200);
    expect(own.data).toMatchObject({ certificate: { curriculumName: c!.curriculumName, code: formatCode(c!.code) }, open: [] });
    expect((await open(hr.id)).status).toBe(404);
  });
});
