// Taking one quiz attempt in the demo seed as a browser would: start it (the server draws and stores the
// set), read the stored set, answer it, submit.
import type { CatalogCourse, CatalogLesson } from "../app/.server/content/schema";
import { prisma } from "../app/.server/db";
import { startAttempt, submitAttempt } from "../app/.server/quiz/attempts";
import { secureRandom, type Random } from "../app/.server/quiz/draw";
import { parseAttemptSet, type AttemptSet } from "../app/.server/quiz/snapshot";

export async function takeAttempt(
  ref: { personId: string; course: CatalogCourse; lesson: CatalogLesson },
  attemptNumber: number,
  answer: (set: AttemptSet) => FormData,
  random: Random = secureRandom,
) {
  await startAttempt({ ...ref, attemptNumber }, random);
  const key = { personId: ref.personId, courseSlug: ref.course.slug, lessonSlug: ref.lesson.slug, attemptNumber };
  const row = await prisma.quizAttempt.findUniqueOrThrow({ where: { personId_courseSlug_lessonSlug_attemptNumber: key }, select: { items: true } });
  return submitAttempt({ ...ref, attemptNumber, form: answer(parseAttemptSet(row.items)!) });
}
