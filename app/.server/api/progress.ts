/**
 * A person's progress for the JSON API: each active curriculum course by course, as the learner's own page
 * derives it (curricula/assigned-courses.ts: completion from lesson progress, due dates from the due rules,
 * waivers and extensions applied).
 */
import { assignedCoursesFor } from "../curricula/assigned-courses";
import { personExists, isoDay } from "./people";

export async function apiProgress(personId: string, now: Date) {
  if (!(await personExists(personId))) return null;
  const curricula = await assignedCoursesFor(personId, now);
  return {
    personId,
    curricula: curricula.map((c) => ({
      id: c.curriculumId,
      name: c.name,
      heldSince: c.heldSince,
      inOrder: c.inOrder,
      courses: c.courses.map((course) => ({
        slug: course.slug,
        title: course.title,
        required: course.required,
        dueDate: isoDay(course.dueDate),
        overdue: course.overdue,
        state: course.state,
        completed: course.completed,
        completedAt: course.completedAt,
        waived: course.waived,
        locked: course.locked,
        lessonsDone: course.completedCount,
        lessonsTotal: course.total,
      })),
    })),
  };
}
