import { QuizPanel } from "~/components/quiz-panel";
import { Callout, KeyIdea } from "./callouts";
import { Checklist } from "./checklist";
import { useLesson } from "./lesson-context";
import { Criterion, Practice } from "./practice";
import { Reflection } from "./reflection";
import { Choice, Scenario } from "./scenario";
import { Value } from "./value";

function Quiz() {
  const { quiz, quizError } = useLesson();
  return quiz ? <QuizPanel quiz={quiz} error={quizError} /> : null;
}

/** The one map of components lessons may use (the content check refuses any other). */
export const mdxComponents = { KeyIdea, Callout, Scenario, Choice, Reflection, Checklist, Quiz, Practice, Criterion, Value };
