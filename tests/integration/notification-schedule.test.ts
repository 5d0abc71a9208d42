/**
 * Scheduling without cron, over a synthetic calendar (injected clock): two workers run a pass at the same
 * moments, twice a day for four weeks. Reminders come on exactly the expected days, once each, bundled; e-mail
 * waits for the organisation's hours (08:00–18:00 on weekdays, Europe/Berlin); managers get one digest each
 * Monday; HR hears once about someone overdue for longer than the organisation's number of days.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignPeople } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { prisma } from "~/.server/db";
import { localParts } from "~/.server/notifications/local-time";
import { orgSettings } from "~/.server/notifications/settings";
import { runNotificationPass } from "~/.server/outbox/worker";
import { createTestPerson } from "../factories";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { coursePool, DAY, dayFrom, isoDay } from "./helpers/readiness-world";

const HOUR = 60 * 60 * 1000;
const ZONE = "Europe/Berlin";
/** A Monday well in the future (the calendar starts on a known weekday). */
const D0 = (() => {
  let d = dayFrom(new Date(), 14);
  while (d.getUTCDay() !== 1) d = dayFrom(d, 1);
  return d;
})();
const DUE = dayFrom(D0, 10);
const DAYS = 29;

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  await orgSettings();
  await prisma.orgSettings.update({ where: { id: 1 }, data: { timeZone: ZONE, escalationDays: 3 } });
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink.close();
});

describe("four weeks of passes by two workers at once", () => {
  it("send each reminder, digest and escalation once, on the right day, in e-mail hours", { timeout: 240_000 }, async () => {
    const hr = await createTestPerson({ role: "HR", name: "Hana HR" });
    const manager = await createTestPerson({ role: "MANAGER", name: "Max Manager" });
    const learner = await createTestPerson({ name: "Lea Learner", managerId: manager.id, startDate: D0 });
    const [course] = coursePool(1);
    const curriculum = await createCurriculum(
      {
        name: "Service basics",
        description: "",
        inOrder: false,
        dueRule: { kind: "date", date: DUE },
        courses: [{ slug: course!.slug, required: true, dueRule: null }],
      },
      { actor: hr, ip: null },
      D0,
    );
    await assignPeople(curriculum.id, [learner.email], { actor: hr, ip: null }, new Date(D0.getTime() + 2 * HOUR));

    const ticks: Date[] = [];
    for (let d = 0; d < DAYS; d++) for (const h of [5, 11]) ticks.push(new Date(D0.getTime() + d * DAY + h * HOUR)); // 06:00 and 12:00 in Berlin (winter)
    for (const now of ticks) await Promise.all([runNotificationPass(now, { owner: "worker-a" }), runNotificationPass(now, { owner: "worker-b" })]);

    // Reminders: 7 days before, the day before, the day, the day after, then weekly while overdue.
    const reminders = await prisma.notification.findMany({ where: { personId: learner.id, kind: "due_reminder" }, orderBy: { createdAt: "asc" } });
    const expectedDays = [-7, -1, 0, 1, 8, 15].map((n) => isoDay(dayFrom(DUE, n)));
    expect(reminders.map((r) => r.key.split(":").at(-1))).toEqual(expectedDays);
    expect(reminders.map((r) => r.title)).toEqual([
      `Due in 7 days: ${course!.title}`,
      `Due tomorrow: ${course!.title}`,
      `Due today: ${course!.title}`,
      `Overdue: ${course!.title}`,
      `Overdue: ${course!.title}`,
      `Overdue: ${course!.title}`,
    ]);
    // Each queued at the first pass of its day (06:00 local), whatever the hour.
    for (const r of reminders) expect(localParts(r.createdAt, ZONE).hour).toBe(6);

    // E-mail: exactly one per reminder, never outside 08:00–18:00 on weekdays.
    const mails = sink.messages.filter((m) => m.to.includes(learner.email) && /^(Due|Overdue)/.test(m.subject));
    expect(mails).toHaveLength(expectedDays.length);
    const rows = await prisma.outboxMessage.findMany({ where: { personId: learner.id, kind: "due_reminder" } });
    expect(rows).toHaveLength(expectedDays.length);
    for (const row of rows) {
      expect(row.status).toBe("SENT");
      const sent = localParts(row.sentAt!, ZONE);
      expect(sent.weekday, `sent ${row.sentAt!.toISOString()}`).toBeGreaterThanOrEqual(1);
      expect(sent.weekday).toBeLessThanOrEqual(5);
      expect(sent.hour).toBeGreaterThanOrEqual(8);
      expect(sent.hour).toBeLessThan(18);
    }

    // The manager's digest: one each Monday of the four weeks, and nothing on other days.
    const digests = await prisma.notification.findMany({ where: { personId: manager.id, kind: "manager_digest" }, orderBy: { createdAt: "asc" } });
    const mondays = Array.from({ length: DAYS }, (_, d) => dayFrom(D0, d))
      .filter((d) => d.getUTCDay() === 1)
      .map(isoDay);
    expect(digests.map((d) => d.key.split(":").at(-1))).toEqual(mondays);
    expect(sink.messages.filter((m) => m.to.includes(manager.email) && m.subject.startsWith("Your team this week"))).toHaveLength(mondays.length);
    const lastDigest = digests.at(-1)!;
    expect(lastDigest.body).toContain("Lea Learner: Overdue");

    // HR: one escalation for the episode, once Lea has been overdue for more than 3 days.
    const escalations = await prisma.notification.findMany({ where: { personId: hr.id, kind: "escalation" } });
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.title).toBe("Lea Learner needs help: Overdue");
    expect(escalations[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(dayFrom(DUE, 4).getTime());
    expect(escalations[0]!.createdAt.getTime()).toBeLessThan(dayFrom(DUE, 5).getTime() + 12 * HOUR);
    expect(sink.messages.filter((m) => m.to.includes(hr.email) && m.subject.includes("needs help"))).toHaveLength(1);
  });
});
