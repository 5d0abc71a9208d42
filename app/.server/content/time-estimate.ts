/**
 * Honest time estimates: reading at about 200 words a minute, a minute per quiz question asked, five minutes
 * for a practice task's paperwork (the task itself happens during work). The content check warns when a
 * course's stated minutes are more than 15 % away from this.
 */
const WORDS_PER_MINUTE = 200;
const MINUTES_PER_QUIZ_ITEM = 1;
const MINUTES_PER_PRACTICE = 5;
const TOLERANCE = 0.15;

export type LessonEffort = { words: number; quizItems: number; practice: boolean };

export function estimatedMinutes(lesson: LessonEffort): number {
  return lesson.words / WORDS_PER_MINUTE + lesson.quizItems * MINUTES_PER_QUIZ_ITEM + (lesson.practice ? MINUTES_PER_PRACTICE : 0);
}

/** A warning when the course's stated minutes are off by more than the tolerance, or null. */
export function courseTimeWarning(statedMinutes: number, lessons: LessonEffort[]): string | null {
  const estimate = lessons.reduce((n, l) => n + estimatedMinutes(l), 0);
  if (estimate === 0 || Math.abs(statedMinutes - estimate) / estimate <= TOLERANCE) return null;
  return `minutes: ${statedMinutes} is more than ${TOLERANCE * 100} % away from the estimate of ${Math.round(estimate)} (reading at ${WORDS_PER_MINUTE} words a minute, ${MINUTES_PER_QUIZ_ITEM} a quiz question, ${MINUTES_PER_PRACTICE} a practice task)`;
}
