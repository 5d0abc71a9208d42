import { describe, expect, it } from "vitest";
import { certificateExpiries, renewalCourseSlugs, renewalOpensAt } from "./expiry";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const held = {
  curriculumId: "c1",
  name: "Service basics",
  renewalNoticeDays: 30,
  courses: [
    { courseSlug: "a", required: true, renew: false },
    { courseSlug: "b", required: true, renew: true },
    { courseSlug: "c", required: false, renew: false },
  ],
};
const cert = (issuedAt: string, validUntil: string | null, revokedAt: string | null = null) => ({
  id: `c-${issuedAt}`,
  personId: "p",
  curriculumId: "c1",
  issuedAt: day(issuedAt),
  validUntil: validUntil ? day(validUntil) : null,
  revokedAt: revokedAt ? day(revokedAt) : null,
});
const titles = (slug: string) => ({ a: "Course A", b: "Course B", c: "Course C" })[slug];

describe("certificate expiries", () => {
  it("opens renewal the notice's whole days before the end", () => {
    expect(renewalOpensAt(day("2027-03-03"), 30)).toEqual(day("2027-02-01"));
  });

  it("renews the marked courses, or every required course when none is marked", () => {
    expect(renewalCourseSlugs(held.courses)).toEqual(["b"]);
    expect(renewalCourseSlugs(held.courses.map((c) => ({ ...c, renew: false })))).toEqual(["a", "b"]);
  });

  it("judges by the latest certificate of each held curriculum", () => {
    const expiries = certificateExpiries([cert("2025-01-10", "2026-01-10"), cert("2026-01-05", "2027-01-05")], [held], titles);
    expect(expiries).toEqual([{ curriculumName: "Service basics", validUntil: day("2027-01-05"), noticeFrom: day("2026-12-06"), renew: ["Course B"] }]);
  });

  it("has nothing to renew for a certificate without end, a revoked latest one, or a curriculum no longer held", () => {
    expect(certificateExpiries([cert("2026-01-05", null)], [held], titles)).toEqual([]);
    expect(certificateExpiries([cert("2025-01-10", "2026-01-10"), cert("2026-01-05", "2027-01-05", "2026-02-01")], [held], titles)).toEqual([]);
    expect(certificateExpiries([cert("2026-01-05", "2027-01-05")], [], titles)).toEqual([]);
  });
});
