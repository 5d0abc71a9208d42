import { COURSE_ROLES, type CatalogCourse } from "./schema";

/** A catalog course for tests: every field with a plain default; a test sets the ones it is about. */
export function testCourse(fields: Pick<CatalogCourse, "slug" | "lessons"> & Partial<CatalogCourse>): CatalogCourse {
  return {
    title: fields.slug.toUpperCase(),
    summary: "",
    audience: "All",
    roles: [...COURSE_ROLES],
    minutes: 10,
    passMark: 80,
    attemptLimit: 3,
    owner: "o",
    confidence: "Sure?",
    order: 1,
    version: "v",
    intro: "",
    ...fields,
  };
}
