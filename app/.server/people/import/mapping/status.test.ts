import { describe, expect, it } from "vitest";
import { employmentStatus, readEmploymentStatus } from "./status";
import { EUROPEAN_EXPORT, US_EXPORT, WORKDAY_EXPORT, column } from "./sample-exports";

describe("employmentStatus", () => {
  it("reads the statuses of the three exports", () => {
    expect(column(US_EXPORT, "Employment Status").map((v) => employmentStatus(v.value))).toEqual([
      "active",
      "active",
      "active",
      "active",
      "inactive",
      "active",
    ]);
    expect(column(WORKDAY_EXPORT, "Worker_Status").map((v) => employmentStatus(v.value))).toEqual(["active", "active", "active", "inactive", "active"]);
    expect(column(EUROPEAN_EXPORT, "Status").map((v) => employmentStatus(v.value))).toEqual(["active", "active", "inactive", "unknown"]);
  });

  it("treats leave as active and leavers as inactive, whatever the case and punctuation", () => {
    expect(["Active", "A", "Employed", "On Leave", "Leave of Absence", "ON-LEAVE", " active "].map(employmentStatus)).toEqual(Array(7).fill("active"));
    expect(["Terminated", "T", "Inactive", "Left", "Resigned", "Retired", "Withdrawn", "Separated", "laid-off"].map(employmentStatus)).toEqual(
      Array(9).fill("inactive"),
    );
  });

  it("knows nothing about values it has not been taught, and nothing from an empty cell", () => {
    expect(["Sabbatical", "Yes", "X"].map(employmentStatus)).toEqual(["unknown", "unknown", "unknown"]);
    expect(employmentStatus("  ")).toBeNull();
  });
});

describe("readEmploymentStatus", () => {
  it("makes an unknown value a row problem naming the value", () => {
    expect(readEmploymentStatus(" Sabbatical ", 5)).toEqual({
      status: "unknown",
      problem: { line: 5, message: "Unknown employment status “Sabbatical”: Baton reads values such as Active, On Leave, Terminated or Resigned." },
    });
    expect(readEmploymentStatus("Terminated", 6)).toEqual({ status: "inactive", problem: null });
    expect(readEmploymentStatus("", 7)).toEqual({ status: null, problem: null });
  });
});
