import { useParams } from "@remix-run/react";
import { createContext, useContext } from "react";
import type { LessonPractice } from "~/.server/practice/submissions";
import type { QuizPanelData } from "~/components/quiz-panel";

export type LessonContextValue = {
  reflections: Record<string, { text: string; updatedAt: string | Date }>;
  /** The learner's saved practice, keyed by component index ("1", "2", …): scenario choice, checklist ticks. */
  interactions: { scenarios: Record<string, number>; checklists: Record<string, number[]> };
  quiz: QuizPanelData | null;
  /** The lesson's practice task and the learner's submissions (signoff lessons only). */
  practice: LessonPractice | null;
  /** The last quiz submission's refusal (unanswered questions, no attempts left), shown in the quiz. */
  quizError: string | null;
};

export const LessonContext = createContext<LessonContextValue | null>(null);

export function useLesson() {
  const value = useContext(LessonContext);
  if (!value) throw new Error("Lesson components must be rendered inside a lesson page");
  return value;
}

/** Where lesson components post (the lesson's own route action). */
export function useLessonAction() {
  const { courseSlug, lessonSlug } = useParams();
  return `/learn/${courseSlug}/${lessonSlug}`;
}

/** What the lesson action answers to a practice post (scenario choice, checklist ticks, completion). */
export type PracticeResult = { ok: boolean; message?: string };
