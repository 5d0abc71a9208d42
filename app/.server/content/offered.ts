import type { Role } from "~/generated/prisma/enums";
import type { CatalogCourse } from "./schema";

/** Whether a role is offered the course without an assignment: its front file's `roles`, never its audience prose. */
export const offeredTo = (course: Pick<CatalogCourse, "roles">, role: Role): boolean => course.roles.includes(role);
