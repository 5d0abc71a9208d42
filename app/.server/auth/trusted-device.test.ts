import { describe, expect, it } from "vitest";
import { prisma } from "../db";
import { hashToken } from "./token";
import { MAX_TRUSTED_DEVICES, TRUSTED_DEVICE_LIFETIME_MS, findTrustedDevice, revokeTrustedDevices, sweepTrustedDevices, trustDevice } from "./trusted-device";

const t0 = new Date("2026-11-20T09:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
let counter = 0;
// Devices only need someone to belong to (Vitest's setup gives this file its own database).
const createTestPerson = () => prisma.person.create({ data: { email: `device${++counter}@test.baton`, name: `Device Owner ${counter}` } });

describe("trusted devices", () => {
  it("stores only the hash of the token and finds the device by the token until it expires", async () => {
    const person = await createTestPerson();
    const token = await trustDevice(person.id, t0);
    const rows = await prisma.trustedDevice.findMany({ where: { personId: person.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: hashToken(token), createdAt: t0, lastUsedAt: t0, expiresAt: later(TRUSTED_DEVICE_LIFETIME_MS) });

    expect(await findTrustedDevice(token, later(1000))).toMatchObject({ personId: person.id });
    expect(await findTrustedDevice(token, later(TRUSTED_DEVICE_LIFETIME_MS))).toBeNull();
    expect(await findTrustedDevice("not-a-token", t0)).toBeNull();
    expect(await findTrustedDevice(null, t0)).toBeNull();
  });

  it("rotates the token of a device it already trusts, keeping its start date", async () => {
    const person = await createTestPerson();
    const first = await trustDevice(person.id, t0);
    const device = await findTrustedDevice(first, later(1000));
    const second = await trustDevice(person.id, later(60_000), device);
    expect(second).not.toBe(first);
    expect(await findTrustedDevice(first, later(61_000))).toBeNull();
    const rows = await prisma.trustedDevice.findMany({ where: { personId: person.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: hashToken(second), createdAt: t0, lastUsedAt: later(60_000) });
  });

  it("does not rotate away another person's device when someone else signs in on the same browser", async () => {
    const owner = await createTestPerson();
    const colleague = await createTestPerson();
    const ownersToken = await trustDevice(owner.id, t0);
    await trustDevice(colleague.id, t0, await findTrustedDevice(ownersToken, t0));
    expect(await findTrustedDevice(ownersToken, t0)).toMatchObject({ personId: owner.id });
  });

  it(`keeps at most ${MAX_TRUSTED_DEVICES} devices per person, the most recently used`, async () => {
    const person = await createTestPerson();
    const tokens: string[] = [];
    for (let i = 0; i < MAX_TRUSTED_DEVICES + 3; i++) tokens.push(await trustDevice(person.id, later(i * 1000)));
    expect(await prisma.trustedDevice.count({ where: { personId: person.id } })).toBe(MAX_TRUSTED_DEVICES);
    expect(await findTrustedDevice(tokens[0]!, later(60_000))).toBeNull();
    expect(await findTrustedDevice(tokens.at(-1)!, later(60_000))).not.toBeNull();
  });

  it("revokes a person's devices, optionally all but the current one, and leaves others alone", async () => {
    const person = await createTestPerson();
    const other = await createTestPerson();
    const current = await trustDevice(person.id, t0);
    await trustDevice(person.id, t0);
    await trustDevice(person.id, t0);
    const othersToken = await trustDevice(other.id, t0);

    expect(await revokeTrustedDevices(person.id, { exceptToken: current })).toBe(2);
    expect(await findTrustedDevice(current, t0)).not.toBeNull();
    expect(await revokeTrustedDevices(person.id)).toBe(1);
    expect(await findTrustedDevice(current, t0)).toBeNull();
    expect(await findTrustedDevice(othersToken, t0)).not.toBeNull();
  });

  it("sweeps expired rows only", async () => {
    const person = await createTestPerson();
    const old = await trustDevice(person.id, t0);
    const recent = await trustDevice(person.id, later(30 * 24 * 3_600_000));
    const sweptAt = later(TRUSTED_DEVICE_LIFETIME_MS + 1);
    expect(await sweepTrustedDevices(sweptAt)).toBeGreaterThanOrEqual(1);
    expect(await prisma.trustedDevice.findUnique({ where: { id: hashToken(old) } })).toBeNull();
    expect(await findTrustedDevice(recent, sweptAt)).not.toBeNull();
  });
});
