import { csvTable } from "../csv";
import type { CourseAnalysis } from "./course-analysis";

const FIELDS = [
  "Course",
  "Attempts counted",
  "Lesson",
  "Item id",
  "Item",
  "In quiz",
  "Times asked",
  "Facility %",
  "Discrimination",
  "Left blank",
  "Flags",
  "Option",
  "Option text",
  "Correct option",
  "Times chosen",
  "Chosen %",
];

const oneDecimal = (share: number | null) => (share === null ? "" : (Math.round(share * 1000) / 10).toFixed(1));

/**
 * One row per quiz × item × option (long format, so a pivot table can group by lesson, item or option, or
 * filter to wrong options). The item's figures repeat on each of its option rows: count items with
 * distinct "Item id", never by summing "Times asked". Numbers are plain (no % sign); blank means undefined.
 */
export function itemAnalysisCsv(analysis: CourseAnalysis): string {
  const counted = analysis.filter === "first" ? "First attempts only" : "All attempts";
  const data = analysis.quizzes.flatMap((quiz) =>
    quiz.items.flatMap((item) => {
      const itemColumns = [
        analysis.course.title,
        counted,
        `${quiz.lessonNumber}. ${quiz.lessonTitle}`,
        item.id,
        item.prompt,
        item.inQuiz ? "yes" : "no longer in the quiz",
        item.n,
        oneDecimal(item.facility),
        item.discrimination === null ? "" : item.discrimination.toFixed(2),
        item.blank,
        item.flags.map((f) => f.message).join("; "),
      ];
      if (item.options.length === 0) return [[...itemColumns, "", "", "", "", ""]];
      return item.options.map((o) => [...itemColumns, o.label, o.text, o.correct ? "yes" : "no", o.count, oneDecimal(o.share)]);
    }),
  );
  return csvTable(FIELDS, data);
}

/** The CSV as a download named after the course, the filter and the day. */
export function itemAnalysisCsvResponse(analysis: CourseAnalysis, now = new Date()) {
  const filter = analysis.filter === "first" ? "-first-attempts" : "";
  return csvDownload(itemAnalysisCsv(analysis), `baton-item-analysis-${analysis.course.slug}${filter}-${now.toISOString().slice(0, 10)}.csv`);
}

/** A CSV file as a download, never cached. */
function csvDownload(csv: string, fileName: string) {
  // A BOM so spreadsheet programs read UTF-8 text correctly.
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
