/**
 * The readiness CSVs, streamed: people are read from the stored summary a batch at a time (in the report's
 * order, by cursor) and written as they come, so memory stays flat and the server keeps answering others.
 */
import type { Prisma } from "~/generated/prisma/client";
import { csvDownload, csvHeader, csvRows } from "../csv";
import { prisma } from "../db";
import { day, practiceCell } from "./csv-cells";
import { orderOf, parseReportFilter, reportWhere, type ReportFilterInput } from "./summary-query";
import { stateLabel, type AssignedCourse } from "./rules";
import { freshenReadiness } from "./upkeep";

const BATCH = 500;

const reviveDates = (_key: string, value: unknown) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) ? new Date(value) : value;
/** A stored course (JSON) back as the rules' AssignedCourse. */
export const parseCourse = (data: string) => JSON.parse(data, reviveDates) as AssignedCourse;

const summarySelect = {
  personId: true,
  name: true,
  state: true,
  since: true,
  reasons: true,
  department: true,
  startDate: true,
  practice: true,
  person: { select: { email: true, manager: { select: { name: true } } } },
  curricula: { select: { curriculumId: true, requiredDone: true, requiredWaived: true, requiredTotal: true } },
} satisfies Prisma.ReadinessSummarySelect;

type SummaryRow = Prisma.ReadinessSummaryGetPayload<{ select: typeof summarySelect }>;

/** The rows of a filter, a batch at a time, in the report's order. */
async function* batches(where: Prisma.ReadinessSummaryWhereInput, sort: ReportFilterInput["sort"]): AsyncGenerator<SummaryRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await prisma.readinessSummary.findMany({
      where,
      orderBy: orderOf[sort],
      take: BATCH,
      ...(cursor ? { cursor: { personId: cursor }, skip: 1 } : {}),
      select: summarySelect,
    });
    if (rows.length === 0) return;
    yield rows;
    cursor = rows[rows.length - 1]!.personId;
    if (rows.length < BATCH) return;
  }
}

/** The summary: one row per person; a column per curriculum in the export ("done/total (+n waived)"). */
async function* summaryCsv(where: Prisma.ReadinessSummaryWhereInput, sort: ReportFilterInput["sort"]): AsyncGenerator<string> {
  const curricula = await prisma.readinessCurriculum.groupBy({ by: ["curriculumId", "name"], where: { summary: { is: where } }, orderBy: { name: "asc" } });
  const fields = [
    "Name",
    "Email",
    "State",
    "Since",
    "Reasons",
    "Manager",
    "Department",
    "Start date",
    "Practice not signed off",
    ...curricula.map((c) => `${c.name} (required courses done)`),
  ];
  yield csvHeader(fields);
  for await (const rows of batches(where, sort)) {
    const data = rows.map((r) => {
      const held = new Map(r.curricula.map((c) => [c.curriculumId, c]));
      return [
        r.name,
        r.person.email,
        stateLabel[r.state],
        day(r.since),
        (JSON.parse(r.reasons) as string[]).join("\n"),
        r.person.manager?.name ?? "",
        r.department ?? "",
        day(r.startDate),
        r.practice,
        ...curricula.map(({ curriculumId }) => {
          const c = held.get(curriculumId);
          return c ? `${c.requiredDone}/${c.requiredTotal}${c.requiredWaived ? ` (+${c.requiredWaived} waived)` : ""}` : "";
        }),
      ];
    });
    yield csvRows(data);
  }
}

/** The detail: one row per person × assigned course. */
async function* detailCsv(where: Prisma.ReadinessSummaryWhereInput, sort: ReportFilterInput["sort"]): AsyncGenerator<string> {
  const fields = [
    "Name",
    "Email",
    "State",
    "Department",
    "Manager",
    "Curriculum",
    "Course",
    "Required",
    "Due",
    "Due extended by",
    "Lessons done",
    "Lessons",
    "Completed",
    "Completed at",
    "Waived by",
    "Waiver reason",
    "Practice not signed off",
  ];
  yield csvHeader(fields);
  for await (const rows of batches(where, sort)) {
    const courses = await prisma.readinessCourse.findMany({ where: { personId: { in: rows.map((r) => r.personId) } }, select: { personId: true, data: true } });
    const coursesOf = new Map<string, AssignedCourse[]>();
    for (const c of courses) coursesOf.set(c.personId, [...(coursesOf.get(c.personId) ?? []), parseCourse(c.data)]);
    const data = rows.flatMap((r) =>
      (coursesOf.get(r.personId) ?? []).map((c) => [
        r.name,
        r.person.email,
        stateLabel[r.state],
        r.department ?? "",
        r.person.manager?.name ?? "",
        c.curriculumName,
        c.courseTitle,
        c.required ? "yes" : "no",
        day(c.dueDate),
        c.dueExtended?.by ?? "",
        c.lessonsDone,
        c.lessonsTotal,
        // "waived" is never "yes": a waiver satisfies the requirement without being a completion (as cmi5 keeps it apart).
        c.completed ? "yes" : c.waived ? "waived" : "no",
        day(c.completedAt),
        c.waived ? `${c.waived.by} on ${day(c.waived.at)}` : "",
        c.waived?.reason ?? "",
        practiceCell([c]),
      ]),
    );
    if (data.length > 0) yield csvRows(data);
  }
}

/** The CSV of exactly what the report's filters show (every page), streamed as a download. */
export async function readinessCsvResponse(url: URL, kind: "summary" | "detail", now = new Date()) {
  const filter = parseReportFilter(url);
  await freshenReadiness(now);
  const base = reportWhere(filter);
  const where = filter.state ? { ...base, state: filter.state } : base;
  const parts = kind === "summary" ? summaryCsv(where, filter.sort) : detailCsv(where, filter.sort);
  const name = `baton-readiness${kind === "detail" ? "-detail" : ""}-${now.toISOString().slice(0, 10)}.csv`;
  return csvDownload(parts, name);
}
