import { describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { createTestPerson } from "../factories";

// Each `@ts-expect-error` is half the test: TypeScript refuses the value before the client does.
describe("stored states are enums: the client refuses a value outside the set", () => {
  it("refuses an unknown practice status, and keeps a known one", async () => {
    const person = await createTestPerson();
    const row = { personId: person.id, courseSlug: "c", lessonSlug: "l" };
    // @ts-expect-error "MAYBE" is not a PracticeStatus
    await expect(prisma.practiceSubmission.create({ data: { ...row, status: "MAYBE" } })).rejects.toThrow(/PracticeStatus/);
    await expect(prisma.practiceSubmission.create({ data: { ...row, status: "WAITING" } })).resolves.toMatchObject({ status: "WAITING" });
    expect(await prisma.practiceSubmission.count({ where: { personId: person.id } })).toBe(1);
  });

  it("refuses an unknown value in a filter too", async () => {
    // @ts-expect-error "LOST" is not an OutboxStatus
    await expect(prisma.outboxMessage.count({ where: { status: "LOST" } })).rejects.toThrow(/OutboxStatus/);
  });

  it("refuses a readiness state the rules do not know", async () => {
    const person = await createTestPerson();
    const event = { personId: person.id, at: new Date(), cause: "test" };
    // @ts-expect-error "ALMOST_READY" is not a ReadinessState
    await expect(prisma.readinessEvent.create({ data: { ...event, toState: "ALMOST_READY" } })).rejects.toThrow(/ReadinessState/);
    await expect(prisma.readinessEvent.create({ data: { ...event, fromState: "ON_TRACK", toState: "READY" } })).resolves.toMatchObject({ toState: "READY" });
  });

  it("keeps invitation purposes lowercase, as they were stored before the enum", async () => {
    const person = await createTestPerson();
    const invitation = { personId: person.id, expiresAt: new Date(Date.now() + 60_000) };
    // @ts-expect-error purposes are "invite" and "reset"
    await expect(prisma.invitation.create({ data: { ...invitation, tokenHash: "a", purpose: "INVITE" } })).rejects.toThrow(/InvitationPurpose/);
    await expect(prisma.invitation.create({ data: { ...invitation, tokenHash: "b" } })).resolves.toMatchObject({ purpose: "invite" });
  });
});
