import { createContext, useContext } from "react";
import type { QuizPanelData } from "~/components/quiz-panel";

export type LessonContextValue = {
  reflections: Record<string, { text: string; updatedAt: string | Date }>;
  quiz: QuizPanelData | null;
  /** The last quiz submission's refusal (unanswered questions, no attempts left), shown in the quiz. */
  quizError: string | null;
};

export const LessonContext = createContext<LessonContextValue | null>(null);

export function useLesson() {
  const value = useContext(LessonContext);
  if (!value) throw new Error("Lesson components must be rendered inside a lesson page");
  return value;
}
