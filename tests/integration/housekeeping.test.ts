/** Rows that only age are swept; trusted browsers are forgotten when the password changes or the person leaves. */
import { describe, expect, it } from "vitest";
import { changePassword } from "~/.server/auth/change-password";
import { createSession } from "~/.server/auth/session";
import { trustDevice } from "~/.server/auth/trusted-device";
import { prisma } from "~/.server/db";
import { sweepOldRows } from "~/.server/housekeeping";
import { orgSettings } from "~/.server/notifications/settings";
import { deactivatePerson } from "~/.server/people/people";
import { createTestPerson, TEST_PASSWORD } from "../factories";

const DAY = 24 * 60 * 60 * 1000;

describe("housekeeping", () => {
  it("deletes expired sessions and devices and audit events past retention, and nothing else", async () => {
    const p = await createTestPerson();
    const now = new Date();
    const old = await createSession(p.id, new Date(now.getTime() - 200 * DAY));
    const live = await createSession(p.id, now);
    await trustDevice(p.id, new Date(now.getTime() - 400 * DAY));
    await trustDevice(p.id, now);
    await orgSettings();
    await prisma.orgSettings.update({ where: { id: 1 }, data: { auditRetentionDays: 30 } });
    await prisma.auditEvent.createMany({
      data: [
        { action: "test.old", at: new Date(now.getTime() - 31 * DAY) },
        { action: "test.recent", at: new Date(now.getTime() - 29 * DAY) },
      ],
    });

    const swept = await sweepOldRows(now);
    expect(swept.sessions).toBeGreaterThanOrEqual(1);
    expect(await prisma.session.findUnique({ where: { id: old.session.id } })).toBeNull();
    expect(await prisma.session.findUnique({ where: { id: live.session.id } })).not.toBeNull();
    expect(await prisma.trustedDevice.count({ where: { personId: p.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "test.old" } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "test.recent" } })).toBe(1);
  });

  it("a password change keeps only the browser that made it trusted; deactivation forgets them all", async () => {
    const p = await createTestPerson();
    const now = new Date();
    const mine = await trustDevice(p.id, now);
    await trustDevice(p.id, now);
    await trustDevice(p.id, now);
    const { session } = await createSession(p.id, now);
    const changed = await changePassword({
      personId: p.id,
      sessionId: session.id,
      currentPassword: TEST_PASSWORD,
      newPassword: "a fresh long passphrase 12",
      ip: null,
      deviceToken: mine,
    });
    expect(changed.ok).toBe(true);
    expect(await prisma.trustedDevice.count({ where: { personId: p.id } })).toBe(1);

    const hr = await createTestPerson({ role: "HR" });
    await deactivatePerson(p.id, { actor: hr, ip: null });
    expect(await prisma.trustedDevice.count({ where: { personId: p.id } })).toBe(0);
  });
});
