import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { applyFilter, cohortSeries, countByGroup, countByState, readinessCsv, readinessDetailCsv, type ReadinessRow } from "./report";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

function row(o: Partial<ReadinessRow>): ReadinessRow {
  return {
    personId: o.email ?? "p",
    name: "Person",
    email: "p@x.test",
    department: "Support",
    managerName: "Marcus Bell",
    startDate: d("2026-10-05"),
    state: "ON_TRACK",
    reasons: [],
    since: null,
    readyAt: null,
    lastActivity: null,
    recentQuizzes: [],
    courses: [],
    curricula: [{ id: "c1", name: "Onboarding", requiredDone: 1, requiredWaived: 0, requiredTotal: 3 }],
    ...o,
  };
}

const rows = [
  row({ email: "a@x.test", name: "Ana", state: "READY", readyAt: d("2026-10-15") }),
  row({ email: "b@x.test", name: "Ben", state: "OVERDUE", department: "Warehouse", reasons: ["X overdue since 1 Nov — 1 of 5 lessons done", "=SUM(1)"] }),
  row({ email: "c@x.test", name: "Cy", state: "OVERDUE", department: "Warehouse", startDate: d("2026-11-02"), curricula: [] }),
  row({ email: "e@x.test", name: "Eve", state: "AT_RISK", startDate: d("2026-11-09"), readyAt: null }),
];

describe("report aggregation", () => {
  it("counts people by state", () => {
    expect(countByState(rows)).toEqual({ READY: 1, ON_TRACK: 0, NOT_STARTED: 0, AT_RISK: 1, OVERDUE: 2, total: 4 });
  });

  it("counts by department, sorted", () => {
    const groups = countByGroup(rows, (r) => [r.department ?? "No department"]);
    expect(groups.map((g) => [g.label, g.counts.total, g.counts.OVERDUE])).toEqual([
      ["Support", 2, 0],
      ["Warehouse", 2, 2],
    ]);
  });

  it("filters by department, curriculum, cohort and state together", () => {
    expect(applyFilter(rows, { department: "Warehouse" }).map((r) => r.name)).toEqual(["Ben", "Cy"]);
    expect(applyFilter(rows, { curriculumId: "c1", department: "Warehouse" }).map((r) => r.name)).toEqual(["Ben"]);
    expect(applyFilter(rows, { cohort: "2026-11" }).map((r) => r.name)).toEqual(["Cy", "Eve"]);
    expect(applyFilter(rows, { state: "READY" }).map((r) => r.name)).toEqual(["Ana"]);
  });
});

describe("cohort series", () => {
  it("gives the share ready N weeks after each person's own start, only for weeks that have happened", () => {
    const now = d("2026-11-23");
    const series = cohortSeries(rows, 8, now);
    const oct = series.find((s) => s.cohort === "2026-10")!;
    // Ana started 5 Oct, ready 15 Oct: not ready at week 0 or 1, ready from week 2; Ben never ready.
    expect(oct.points.slice(0, 3)).toEqual([
      { week: 0, readyPercent: 0 },
      { week: 1, readyPercent: 0 },
      { week: 2, readyPercent: 50 },
    ]);
    expect(oct.points.at(-1)?.week).toBe(7); // 5 Oct + 7 weeks = 23 Nov
    const nov = series.find((s) => s.cohort === "2026-11")!;
    expect(nov.points.map((p) => p.week)).toEqual([0, 1, 2, 3]);
    expect(nov.label).toBe("Nov 2026 (2)");
  });
});

describe("CSV exports", () => {
  it("has one row per person with state, reasons, manager, department, start date and curriculum progress", () => {
    const parsed = Papa.parse<string[]>(readinessCsv(rows), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(["Name", "Email", "State", "Since", "Reasons", "Manager", "Department", "Start date", "Practice not signed off", "Onboarding (required courses done)"]);
    expect(parsed).toHaveLength(5);
    expect(parsed[2]?.slice(0, 3)).toEqual(["Ben", "b@x.test", "Overdue"]);
    expect(parsed[2]?.[9]).toBe("1/3");
    expect(parsed[3]?.[9]).toBe("");
  });

  it("neutralises a cell that would start a spreadsheet formula", () => {
    const parsed = Papa.parse<string[]>(readinessCsv([row({ name: '=HYPERLINK("http://evil.test")' })]), { skipEmptyLines: true }).data;
    expect(parsed[1]?.[0]).toBe(`'=HYPERLINK("http://evil.test")`);
  });

  it("has one row per person and course in the detailed export", () => {
    const withCourses = [
      row({
        courses: [
          { curriculumName: "Onboarding", courseSlug: "a", courseTitle: "A", required: true, dueDate: d("2026-12-01"), lessonsDone: 2, lessonsTotal: 5, completed: false, completedAt: null, openQuizzes: [], started: true, waived: null, dueExtended: null, practice: [] },
          { curriculumName: "Onboarding", courseSlug: "b", courseTitle: "B", required: false, dueDate: null, lessonsDone: 3, lessonsTotal: 3, completed: true, completedAt: d("2026-11-20"), openQuizzes: [], started: true, waived: null, dueExtended: null, practice: [] },
        ],
      }),
    ];
    const parsed = Papa.parse<string[]>(readinessDetailCsv(withCourses), { skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(3);
    expect(parsed[1]).toEqual(["Person", "p@x.test", "On track", "Support", "Marcus Bell", "Onboarding", "A", "yes", "2026-12-01", "", "2", "5", "no", "", "", "", ""]);
    expect(parsed[2]?.slice(6)).toEqual(["B", "no", "", "", "3", "3", "yes", "2026-11-20", "", "", ""]);
  });

  it("keeps a waived course apart from a completed one, naming who waived it and why", () => {
    const waiver = { by: "Marcus Bell", at: d("2026-11-18"), reason: "Certified elsewhere" };
    const extension = { by: "Dana HR", at: d("2026-11-15"), reason: "Back from leave", date: d("2026-12-31") };
    const person = row({
      state: "READY",
      courses: [
        { curriculumName: "Onboarding", courseSlug: "a", courseTitle: "A", required: true, dueDate: d("2026-12-01"), lessonsDone: 1, lessonsTotal: 5, completed: false, completedAt: null, openQuizzes: [], started: true, waived: waiver, dueExtended: null, practice: [] },
        { curriculumName: "Onboarding", courseSlug: "b", courseTitle: "B", required: true, dueDate: d("2026-12-31"), lessonsDone: 3, lessonsTotal: 3, completed: true, completedAt: d("2026-11-20"), openQuizzes: [], started: true, waived: null, dueExtended: extension, practice: [] },
      ],
      curricula: [{ id: "c1", name: "Onboarding", requiredDone: 1, requiredWaived: 1, requiredTotal: 2 }],
    });
    const detail = Papa.parse<Record<string, string>>(readinessDetailCsv([person]), { header: true, skipEmptyLines: true }).data;
    expect(detail[0]).toMatchObject({ Course: "A", Completed: "waived", "Completed at": "", "Waived by": "Marcus Bell on 2026-11-18", "Waiver reason": "Certified elsewhere" });
    expect(detail[1]).toMatchObject({ Course: "B", Completed: "yes", "Due extended by": "Dana HR", "Waived by": "", "Waiver reason": "" });
    const summary = Papa.parse<string[]>(readinessCsv([person]), { skipEmptyLines: true }).data;
    expect(summary[1]?.[9]).toBe("1/2 (+1 waived)");
  });

  it("lists practice tasks not signed off, waiting or returned, in both exports", () => {
    const person = row({
      courses: [
        {
          curriculumName: "Onboarding", courseSlug: "a", courseTitle: "A", required: true, dueDate: null, lessonsDone: 4, lessonsTotal: 6, completed: false, completedAt: null, openQuizzes: [], started: true, waived: null, dueExtended: null,
          practice: [
            { lessonSlug: "x", taskTitle: "Hand over a real job", status: "waiting", at: d("2026-12-03") },
            { lessonSlug: "y", taskTitle: "Coach a moment", status: "returned", at: d("2026-12-04") },
          ],
        },
      ],
    });
    const expected = "Hand over a real job: waiting for sign-off since 2026-12-03\nCoach a moment: returned with notes 2026-12-04";
    const summary = Papa.parse<Record<string, string>>(readinessCsv([person]), { header: true, skipEmptyLines: true }).data;
    expect(summary[0]?.["Practice not signed off"]?.replace(/\r/g, "")).toBe(expected);
    const detail = Papa.parse<Record<string, string>>(readinessDetailCsv([person]), { header: true, skipEmptyLines: true }).data;
    expect(detail[0]?.["Practice not signed off"]?.replace(/\r/g, "")).toBe(expected);
  });
});
