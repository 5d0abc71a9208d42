import type { Role } from "~/generated/prisma/enums";
import { getCatalog } from "../content/catalog";
import type { CatalogCourse } from "../content/schema";

type Reader = { email: string; role: Role };

/** The course front file names its owner by e-mail; the person with that e-mail owns the course. */
const isCourseOwner = (person: { email: string }, course: Pick<CatalogCourse, "ownerEmail">) =>
  course.ownerEmail !== undefined && course.ownerEmail === person.email.trim().toLowerCase();

/** The courses whose feedback a person reads and answers: HR every course, anyone else the courses they own. */
export function feedbackCoursesFor(person: Reader): CatalogCourse[] {
  const courses = getCatalog().courses;
  return person.role === "HR" ? courses : courses.filter((c) => isCourseOwner(person, c));
}

/** One course's feedback, if the person may read it ("is the owner, or HR"); otherwise null — a 404. */
export function feedbackCourseFor(person: Reader, slug: string): CatalogCourse | null {
  return feedbackCoursesFor(person).find((c) => c.slug === slug) ?? null;
}

/** Whether the navigation offers "Feedback". */
export const readsFeedback = (person: Reader) => feedbackCoursesFor(person).length > 0;
