import type { AssignedCourse } from "./rules";

/** A date as the CSVs write it: the UTC day, or nothing. */
export const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

/** Practice tasks not signed off, one per line: "Task: waiting for sign-off since 2026-12-03" / "Task: returned with notes 2026-12-04". */
export const practiceCell = (courses: AssignedCourse[]) =>
  courses
    .flatMap((c) =>
      c.practice.map((p) => `${p.taskTitle}: ${p.status === "waiting" ? `waiting for sign-off since ${day(p.at)}` : `returned with notes ${day(p.at)}`}`),
    )
    .join("\n");
