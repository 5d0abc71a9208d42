import { describe, expect, it } from "vitest";
import { countByDepartmentMonth, eligibleSubject, lastMonths, mayDelete, mayHighlight, mayModerate, viewAllowed } from "./rules";

describe("who may do what", () => {
  it("lets managers and HR highlight, only HR hide or see hidden stories", () => {
    expect([mayHighlight("LEARNER"), mayHighlight("MANAGER"), mayHighlight("HR")]).toEqual([false, true, true]);
    expect([mayModerate("LEARNER"), mayModerate("MANAGER"), mayModerate("HR")]).toEqual([false, false, true]);
    expect(["LEARNER", "MANAGER", "HR"].map((r) => viewAllowed(r as "HR", "hidden"))).toEqual([false, false, true]);
    expect(viewAllowed("LEARNER", "about-me")).toBe(true);
  });

  it("lets only the author delete a story", () => {
    expect(mayDelete("a", { authorId: "a" })).toBe(true);
    expect(mayDelete("hr", { authorId: "a" })).toBe(false);
  });
});

describe("eligibleSubject", () => {
  const colleague = { id: "c", name: "Cleo Park", deactivatedAt: null };
  it("accepts an active colleague", () => {
    expect(eligibleSubject("a", colleague)).toEqual({ subject: colleague });
  });
  it("refuses nobody, yourself and someone who has left", () => {
    expect(eligibleSubject("a", null)).toEqual({ problem: "Choose a colleague from the list." });
    expect(eligibleSubject("c", colleague)).toEqual({ problem: expect.stringMatching(/someone else/) });
    expect(eligibleSubject("a", { ...colleague, deactivatedAt: new Date() })).toEqual({
      problem: "Cleo Park no longer works here: stories are about current colleagues.",
    });
  });
});

describe("counts by department and month", () => {
  const now = new Date("2026-03-15T10:00:00Z");
  it("covers the last six months, this one included, across a year boundary", () => {
    expect(lastMonths(now, 6).map((d) => d.toISOString().slice(0, 7))).toEqual(["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]);
  });

  it("counts per department and month, leaves older stories out and names people without a department", () => {
    const at = (iso: string, department: string | null) => ({ createdAt: new Date(iso), department });
    const table = countByDepartmentMonth(
      [
        at("2026-03-01T00:00:00Z", "Warehouse"),
        at("2026-03-31T23:59:59Z", "Warehouse"),
        at("2025-10-01T00:00:00Z", "Front Desk"),
        at("2025-09-30T23:59:59Z", "Front Desk"),
        at("2026-01-10T00:00:00Z", null),
      ],
      lastMonths(now, 6),
    );
    expect(table.rows).toEqual([
      { department: "Front Desk", counts: [1, 0, 0, 0, 0, 0], total: 1 },
      { department: "No department", counts: [0, 0, 0, 1, 0, 0], total: 1 },
      { department: "Warehouse", counts: [0, 0, 0, 0, 0, 2], total: 2 },
    ]);
    expect(table.totals).toEqual([1, 0, 0, 1, 0, 2]);
  });
});
