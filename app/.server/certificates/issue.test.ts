import { describe, expect, it } from "vitest";
import { completedCurricula, curriculumComplete, earnsCertificate } from "./issue";

const tally = (requiredDone: number, requiredWaived: number, requiredTotal: number) => ({ requiredDone, requiredWaived, requiredTotal });
const row = (active: boolean, curricula: { id: string; name: string; requiredDone: number; requiredWaived: number; requiredTotal: number }[]) => ({
  personId: "p1",
  name: "Ada",
  email: "ada@example.com",
  active,
  curricula,
});

describe("curriculum completion, as the readiness summary counts it", () => {
  it("needs every required course complete or waived", () => {
    expect(curriculumComplete(tally(3, 0, 3))).toBe(true);
    expect(curriculumComplete(tally(2, 1, 3))).toBe(true);
    expect(curriculumComplete(tally(0, 3, 3))).toBe(true);
    expect(curriculumComplete(tally(2, 0, 3))).toBe(false);
  });

  it("never counts a curriculum with no required course as complete", () => {
    expect(curriculumComplete(tally(0, 0, 0))).toBe(false);
  });

  it("picks each complete curriculum of an active person, and none of a deactivated one", () => {
    const curricula = [
      { id: "c1", name: "Done", ...tally(2, 0, 2) },
      { id: "c2", name: "Open", ...tally(1, 0, 2) },
    ];
    expect(completedCurricula([row(true, curricula)])).toEqual([
      { personId: "p1", name: "Ada", email: "ada@example.com", curriculumId: "c1", curriculumName: "Done" },
    ]);
    expect(completedCurricula([row(false, curricula)])).toEqual([]);
  });
});

describe("who earns a certificate for a completed curriculum", () => {
  const at = new Date("2027-01-01T00:00:00Z");
  it("is the first completion, or a renewal that was opened and is complete again", () => {
    expect(earnsCertificate(undefined)).toBe(true);
    expect(earnsCertificate({ revokedAt: null, renewalOpenedAt: at })).toBe(true);
  });

  it("is nobody who holds a certificate not up for renewal, nor anyone whose latest was revoked", () => {
    expect(earnsCertificate({ revokedAt: null, renewalOpenedAt: null })).toBe(false);
    expect(earnsCertificate({ revokedAt: at, renewalOpenedAt: null })).toBe(false);
    expect(earnsCertificate({ revokedAt: at, renewalOpenedAt: at })).toBe(false);
  });
});
