import { describe, expect, it } from "vitest";
import { addMonths, validUntilFor } from "./dates";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("certificate expiry dates", () => {
  it("count calendar months from the issue day, at midnight UTC", () => {
    expect(addMonths(new Date("2026-03-14T16:45:00Z"), 12)).toEqual(day("2027-03-14"));
    expect(addMonths(new Date("2026-03-14T00:00:00Z"), 1)).toEqual(day("2026-04-14"));
    expect(addMonths(new Date("2026-11-30T23:59:59Z"), 3)).toEqual(day("2027-02-28"));
  });

  it("end on the last day of a shorter month, leap years included", () => {
    expect(addMonths(day("2026-01-31"), 1)).toEqual(day("2026-02-28"));
    expect(addMonths(day("2028-01-31"), 1)).toEqual(day("2028-02-29"));
    expect(addMonths(day("2028-02-29"), 12)).toEqual(day("2029-02-28"));
    expect(addMonths(day("2026-08-31"), 1)).toEqual(day("2026-09-30"));
    expect(addMonths(day("2026-05-31"), 1)).toEqual(day("2026-06-30"));
  });

  it("cross years, up to ten of them", () => {
    expect(addMonths(day("2026-12-15"), 1)).toEqual(day("2027-01-15"));
    expect(addMonths(day("2026-10-31"), 16)).toEqual(day("2028-02-29"));
    expect(addMonths(day("2026-06-01"), 120)).toEqual(day("2036-06-01"));
  });

  it("have no end when the curriculum has no validity", () => {
    expect(validUntilFor(new Date("2026-03-14T16:45:00Z"), null)).toBeNull();
    expect(validUntilFor(new Date("2026-03-14T16:45:00Z"), 24)).toEqual(day("2028-03-14"));
  });
});
