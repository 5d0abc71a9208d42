/**
 * Inviting many people at once: from People (the selected ones) and from an import's result ("Invite the N new
 * people"). Each person's outcome is reported; a bad address never stops the others; a second press invites
 * nobody twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { listPeople } from "~/.server/people/people";
import { importJobSettled } from "~/.server/people/import/jobs";
import { action as importAction, loader as importLoader } from "~/routes/_app.hr.import";
import { action as peopleAction } from "~/routes/_app.hr.people._index";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { previewOf } from "./helpers/import-preview";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { uploadRequest } from "./upload-request";

const ctx = { context: {} };
let sink: SmtpSink;
let cookie: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  const hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  cookie = (await signedInCookie(hr.id)).cookie;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink.close();
});

const invite = (ids: string[]) => {
  const form = new URLSearchParams([["intent", "invite"], ...ids.map((id) => ["personId", id])]);
  const request = new Request("http://localhost:3000/hr/people", {
    method: "POST",
    headers: { Origin: "http://localhost:3000", Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: form,
  });
  return outcomeOf(peopleAction({ request, params: {}, ...ctx }));
};

describe("inviting the selected people", () => {
  it("without e-mail, hands HR each link; with e-mail, sends them and reports only the address it cannot use", async () => {
    const a = await createTestPerson({ signedIn: false, name: "Ann Able" });
    const b = await createTestPerson({ signedIn: false, name: "Bob Bad", email: "bob-at-nowhere" });
    await prisma.person.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { passwordHash: null } });
    const notInvited = await listPeople({ status: "not-invited" });
    expect(notInvited.map((p) => p.name)).toEqual(expect.arrayContaining(["Ann Able", "Bob Bad"]));

    const offline = await invite([a.id, b.id]);
    expect(offline.status).toBe(200);
    expect(offline.data.summary?.emailed).toBe(0);
    expect(offline.data.summary?.linkOnly.map((o) => o.name).sort()).toEqual(["Ann Able", "Bob Bad"]);
    expect((await listPeople({ status: "all", q: "Ann Able" }))[0]!.account).toMatchObject({ kind: "invited" });
    expect((await listPeople({ status: "not-invited" })).map((p) => p.name)).not.toContain("Ann Able");

    process.env.SMTP_URL = sink.url;
    const online = await invite([a.id, b.id]);
    expect(online.data.summary?.emailed).toBe(1);
    expect(online.data.summary?.invalid).toEqual([
      expect.objectContaining({ name: "Bob Bad", outcome: "invalid-address", link: expect.stringMatching(/\/invite\//) }),
    ]);
    expect(await prisma.outboxMessage.count({ where: { personId: a.id, kind: "invitation" } })).toBe(1);
    delete process.env.SMTP_URL;
  });

  it("refuses an empty selection with a message and changes nothing", async () => {
    const before = await prisma.invitation.count();
    const none = await invite([]);
    expect(none.status).toBe(400);
    expect(none.data.error).toBe("Choose at least one person to invite.");
    expect(await prisma.invitation.count()).toBe(before);
  });
});

describe("after an import", () => {
  it("offers to invite the people it created, invites them once, then offers nothing", async () => {
    const csv =
      "\uFEFFEmail;Name;Department;Job Title;Manager Email;Start Date\r\nnew1@bulk.test;Nell One;Support;Agent;;2027-01-04\r\nnew2@bulk.test;Ned Two;Support;Agent;;2027-01-04\r\n";
    const preview = await outcomeOf(importAction({ request: uploadRequest(cookie, csv), params: {}, ...ctx }));
    const started = await outcomeOf(
      importAction({
        request: makeRequest("/hr/import", { cookie, form: previewOf(preview.data).confirm }),
        params: {},
        ...ctx,
      }),
    );
    const jobId = new URL(started.location!, "http://localhost:3000").searchParams.get("job")!;
    await importJobSettled(jobId);
    const page = await outcomeOf(importLoader({ request: makeRequest(`/hr/import?job=${jobId}`, { cookie }), params: {}, ...ctx }));
    expect(page.data.notInvited).toBe(2);

    const pressed = await outcomeOf(
      importAction({ request: makeRequest(`/hr/import?job=${jobId}`, { cookie, form: { intent: "invite-new", job: jobId } }), params: {}, ...ctx }),
    );
    expect(pressed.status).toBe(200);
    expect(
      having(pressed.data, "summary")
        .summary.linkOnly.map((o) => o.email)
        .sort(),
    ).toEqual(["new1@bulk.test", "new2@bulk.test"]);
    const after = await outcomeOf(importLoader({ request: makeRequest(`/hr/import?job=${jobId}`, { cookie }), params: {}, ...ctx }));
    expect(after.data.notInvited).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "invitation.created", target: { in: ["new1@bulk.test", "new2@bulk.test"] } } })).toBe(2);

    const unknown = await outcomeOf(
      importAction({
        request: makeRequest(`/hr/import`, { cookie, form: { intent: "invite-new", job: "00000000-0000-0000-0000-000000000000" } }),
        params: {},
        ...ctx,
      }),
    );
    expect(unknown.status).toBe(404);
  });
});
