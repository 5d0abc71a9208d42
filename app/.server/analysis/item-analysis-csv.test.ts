import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { CourseAnalysis } from "./course-analysis";
import { itemAnalysisCsv, itemAnalysisCsvResponse } from "./item-analysis-csv";
import { quizItemStats } from "./item-stats";

const stats = quizItemStats(
  [
    {
      personId: "p1",
      score: 100,
      passed: true,
      submittedAt: new Date(1000),
      set: null,
      results: [
        { id: "q1", chosen: [0], correct: true, credit: 1 },
        { id: "q2", chosen: [], correct: false, credit: 0 },
      ],
    },
  ],
  [
    {
      id: "q1",
      type: "single",
      prompt: '=HYPERLINK("x")',
      options: [
        { source: 0, text: "Yes", correct: true },
        { source: 1, text: "No", correct: false },
      ],
    },
    {
      id: "q2",
      type: "truefalse",
      prompt: "Sky is green",
      options: [
        { source: 0, text: "True", correct: false },
        { source: 1, text: "False", correct: true },
      ],
    },
  ],
);
const analysis: CourseAnalysis = {
  course: { slug: "c", title: "Course C" },
  filter: "first",
  quizzes: [{ lessonSlug: "l", lessonNumber: 2, lessonTitle: "Lesson L", passMark: 75, ...stats }],
};

describe("itemAnalysisCsv", () => {
  it("writes one row per quiz × item × option, with the item's figures on each", () => {
    const csv = itemAnalysisCsv(analysis);
    expect(csv.endsWith("\r\n")).toBe(true); // every record ends with CRLF (RFC 4180), as the readiness CSVs do
    const { data } = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(data).toHaveLength(4);
    expect(data[0]).toMatchObject({
      Course: "Course C",
      "Attempts counted": "First attempts only",
      Lesson: "2. Lesson L",
      "Item id": "q1",
      "In quiz": "yes",
      "Times asked": "1",
      "Facility %": "100.0",
      Discrimination: "",
      Flags: "Too few answers to judge yet",
      Option: "A",
      "Option text": "Yes",
      "Correct option": "yes",
      "Times chosen": "1",
      "Chosen %": "100.0",
    });
    expect(data[3]).toMatchObject({ "Item id": "q2", "Left blank": "1", Option: "B", "Option text": "False", "Times chosen": "0", "Chosen %": "0.0" });
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(itemAnalysisCsv(analysis)).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("downloads with a name that says the course and the filter", () => {
    const response = itemAnalysisCsvResponse(analysis, new Date("2026-12-01T10:00:00Z"));
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="baton-item-analysis-c-first-attempts-2026-12-01.csv"');
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  });
});
