/**
 * The organisation's own look (issue 21): HR saves a name, a colour and a logo through the settings page; a learner
 * cannot; a colour too light for white text, or a file that is not a PNG/JPEG/WebP, changes nothing and says why;
 * the logo route serves the stored type with headers that stop it acting as a page; every page's root loader and
 * every e-mail carry the brand.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readBrand } from "~/.server/branding/brand";
import { prisma } from "~/.server/db";
import { notify } from "~/.server/notifications/notify";
import { readThroughPrisma } from "~/.server/prepared";
import { loader as rootLoader } from "~/root";
import { loader as logoLoader } from "~/routes/brand.logo";
import { action, loader } from "~/routes/_app.hr.settings.branding";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

const png = readFileSync(new URL("../../prisma/demo-assets/harbour-logo.png", import.meta.url));
const jpeg = readFileSync(new URL("../../app/.server/branding/test-images/16x16.jpg", import.meta.url));

let hrCookie: string;
let learnerCookie: string;

beforeAll(async () => {
  hrCookie = (await signedInCookie((await createTestPerson({ role: "HR" })).id)).cookie;
  learnerCookie = (await signedInCookie((await createTestPerson({ role: "LEARNER" })).id)).cookie;
});

beforeEach(async () => {
  await prisma.brandLogo.deleteMany({});
  await prisma.orgSettings.updateMany({ data: { brandName: null, brandColor: null } });
});

const save = (cookie: string, form: Record<string, string>) =>
  outcomeOf(action({ request: makeRequest("/hr/settings/branding", { cookie, form: { intent: "save", ...form } }), params: {}, context: {} }));

function uploadRequest(cookie: string, bytes: Uint8Array, fileName: string, type: string) {
  const form = new FormData();
  form.append("logo", new File([new Uint8Array(bytes)], fileName, { type }));
  const headers = new Headers({ Origin: "http://localhost:3000", "x-baton-client-ip": "203.0.113.9", Cookie: cookie });
  return new Request("http://localhost:3000/hr/settings/branding", { method: "POST", headers, body: form });
}
const upload = (cookie: string, bytes: Uint8Array, fileName = "logo.png", type = "image/png") =>
  outcomeOf(action({ request: uploadRequest(cookie, bytes, fileName, type), params: {}, context: {} }));

const brandAudits = () => prisma.auditEvent.findMany({ where: { action: { startsWith: "settings.branding." } }, orderBy: { id: "asc" } });
const rootBrand = async () => (await rootLoader({ request: new Request("http://localhost:3000/login"), params: {}, context: {} })).brand;

describe("HR sets the organisation's look", () => {
  it("saves the name and colour, audited, and every page's root data shows them", async () => {
    const audits = (await brandAudits()).length;
    const saved = await save(hrCookie, { name: "  Harbour   Hotels ", color: "#0F766E" });
    expect(saved).toMatchObject({ status: 200, data: { kind: "saved" } });
    expect(await rootBrand()).toEqual({ name: "Harbour Hotels", color: "#0f766e", logoUrl: null });
    const [event] = (await brandAudits()).slice(audits);
    expect(event).toMatchObject({ action: "settings.branding.updated", target: "organisation" });
    expect(JSON.parse(event!.details!)).toEqual({ before: { name: null, color: null }, after: { name: "Harbour Hotels", color: "#0f766e" } });

    // Empty means Baton's own again.
    expect((await save(hrCookie, { name: " ", color: "" })).data).toEqual({ kind: "saved" });
    expect(await rootBrand()).toEqual({ name: "Baton", color: null, logoUrl: null });
  });

  it("refuses a colour too light for white text, says why, and changes nothing", async () => {
    await save(hrCookie, { name: "Harbour Hotels", color: "#0f766e" });
    const audits = (await brandAudits()).length;
    const refused = await save(hrCookie, { name: "Lighthouse", color: "#7fb3ff" });
    expect(refused.status).toBe(400);
    expect(refused.data).toEqual({ kind: "invalid", errors: { color: "#7fb3ff has 2.1:1 against white; pick a darker colour (4.5:1 needed)." } });
    expect((await save(hrCookie, { name: "x".repeat(61), color: "" })).data).toEqual({
      kind: "invalid",
      errors: { name: "At most 60 characters (this is 61)." },
    });
    expect((await save(hrCookie, { name: "Harbour", color: "red" })).status).toBe(400);
    expect(await rootBrand()).toMatchObject({ name: "Harbour Hotels", color: "#0f766e" });
    expect(await brandAudits()).toHaveLength(audits);
  });

  it("uploads a logo told apart by its bytes, serves it, and removes it", async () => {
    // A JPEG sent with a PNG's name and type is stored and served as the JPEG it is.
    const uploaded = await upload(hrCookie, jpeg, "logo.png", "image/png");
    expect(uploaded).toMatchObject({ status: 200, data: { kind: "logo-uploaded" } });
    const brand = await rootBrand();
    expect(brand.logoUrl).toMatch(/^\/brand\/logo\?v=[0-9a-f]{16}$/);

    const served = await logoLoader({ request: new Request(`http://localhost:3000${brand.logoUrl}`), params: {}, context: {} });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/jpeg");
    expect(served.headers.get("Content-Security-Policy")).toBe("default-src 'none'");
    expect(served.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await served.arrayBuffer()).equals(jpeg)).toBe(true);

    // An old or missing version is cached only briefly; the browser's copy is confirmed without the bytes.
    const stale = await logoLoader({ request: new Request("http://localhost:3000/brand/logo?v=0000000000000000"), params: {}, context: {} });
    expect(stale.headers.get("Cache-Control")).toBe("public, max-age=300");
    const etag = stale.headers.get("ETag")!;
    const again = await logoLoader({
      request: new Request("http://localhost:3000/brand/logo", { headers: { "If-None-Match": etag } }),
      params: {},
      context: {},
    });
    expect(again.status).toBe(304);

    // A new logo is a new URL.
    expect((await upload(hrCookie, png)).data).toEqual({ kind: "logo-uploaded" });
    const replaced = await rootBrand();
    expect(replaced.logoUrl).not.toBe(brand.logoUrl);
    expect((await logoLoader({ request: new Request(`http://localhost:3000${replaced.logoUrl}`), params: {}, context: {} })).headers.get("Content-Type")).toBe(
      "image/png",
    );
    expect((await loader({ request: makeRequest("/hr/settings/branding", { cookie: hrCookie }), params: {}, context: {} })).brand.logo).toMatchObject({
      mimeType: "image/png",
      width: 96,
      height: 96,
    });

    expect((await save(hrCookie, { intent: "remove-logo" })).data).toEqual({ kind: "removed" });
    expect((await rootBrand()).logoUrl).toBeNull();
    const gone = await logoLoader({ request: new Request("http://localhost:3000/brand/logo"), params: {}, context: {} });
    expect(gone.status).toBe(404);
    expect(gone.headers.get("Content-Security-Policy")).toBe("default-src 'none'");
    expect((await brandAudits()).map((e) => e.action).slice(-3)).toEqual([
      "settings.branding.logo_uploaded",
      "settings.branding.logo_uploaded",
      "settings.branding.logo_removed",
    ]);
  });

  it("refuses an SVG, a text file named .png and a file over 512 KB, keeping the logo it had", async () => {
    await upload(hrCookie, png);
    const before = await rootBrand();
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');
    const refusedSvg = await upload(hrCookie, svg, "logo.svg", "image/svg+xml");
    expect(refusedSvg.status).toBe(400);
    expect(having(refusedSvg.data, "message").message).toMatch(/SVG logos are not accepted: an SVG file can carry scripts/);
    const text = await upload(hrCookie, new TextEncoder().encode("hello, I am a text file"), "logo.png", "image/png");
    expect(text).toMatchObject({ status: 400, data: { kind: "logo-refused", message: expect.stringMatching(/not an image Baton can read/) } });
    const big = new Uint8Array(600 * 1024);
    big.set(png);
    const tooBig = await upload(hrCookie, big);
    expect(tooBig).toMatchObject({ status: 400, data: { kind: "logo-refused", message: expect.stringMatching(/at most 512 KB/) } });
    expect(await rootBrand()).toEqual(before);
  });

  it("refuses a learner, both reading the page and changing anything", async () => {
    const page = await outcomeOf(loader({ request: makeRequest("/hr/settings/branding", { cookie: learnerCookie }), params: {}, context: {} }));
    expect(page.status).toBe(403);
    expect((await save(learnerCookie, { name: "Mine now", color: "#000000" })).status).toBe(403);
    expect((await upload(learnerCookie, png)).status).toBe(403);
    expect(await rootBrand()).toEqual({ name: "Baton", color: null, logoUrl: null });
  });
});

describe("reading the brand", () => {
  afterAll(() => readThroughPrisma(false));

  it("the prepared read returns what Prisma's raw path returns, before and after a settings row exists", async () => {
    await prisma.orgSettings.deleteMany({});
    const empty = await readBrand();
    expect(empty).toEqual({ name: "Baton", color: null, logoUrl: null });
    await save(hrCookie, { name: "Harbour Hotels", color: "#115e59" });
    await upload(hrCookie, png);
    const prepared = await readBrand();
    readThroughPrisma(true);
    expect(await readBrand()).toEqual(prepared);
    readThroughPrisma(false);
    expect(prepared).toMatchObject({ name: "Harbour Hotels", color: "#115e59", logoUrl: expect.stringMatching(/^\/brand\/logo\?v=/) });
  });
});

describe("e-mails", () => {
  beforeAll(() => {
    process.env.SMTP_URL = "smtp://127.0.0.1:9"; // e-mail on; nothing is sent in this test, the outbox only fills
  });
  afterAll(() => {
    delete process.env.SMTP_URL;
  });

  it("carry the organisation's name, colour and logo; the plain-text part names it", async () => {
    await save(hrCookie, { name: "Harbour Hotels", color: "#0f766e" });
    await upload(hrCookie, png);
    const { logoUrl } = await rootBrand();
    const person = await createTestPerson({ name: "Nia New" });
    const content = { subject: "Hello", lines: ["Welcome aboard."], action: { label: "Open", path: "/learn" } };
    await prisma.$transaction((tx) => notify(tx, [{ kind: "invitation", key: `brand-test:${person.id}`, to: person, content, urgent: true }], new Date()));
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: `email:brand-test:${person.id}` } });
    const payload = JSON.parse(row.payload) as { html: string; text: string };
    expect(payload.text).toContain("\n--\nHarbour Hotels · http://localhost:");
    expect(payload.html).toMatch(new RegExp(`<img src="http://localhost:\\d+${logoUrl!.replace("?", "\\?")}" alt="Harbour Hotels"`));
    expect(payload.html).toContain("background:#0f766e");
    expect(payload.html).not.toContain(">Baton<");
    await prisma.outboxMessage.deleteMany({});
  });
});
