import { QuizPanel } from "~/components/quiz-panel";
import type { IslandSegment } from "~/utils/lesson-segments";
import { Checklist } from "./checklist";
import { useLesson } from "./lesson-context";
import { Practice } from "./practice";
import { Reflection } from "./reflection";
import { Scenario } from "./scenario";

function Quiz() {
  const { quiz, quizError } = useLesson();
  return quiz ? <QuizPanel quiz={quiz} error={quizError} /> : null;
}

/**
 * The interactive parts of a lesson, each rendered from its island's name and props (docs/decisions/015). KeyIdea,
 * Callout and Value are the same for everyone: content:build renders them to HTML and the browser never needs them.
 */
export function LessonIsland({ segment }: { segment: IslandSegment }) {
  switch (segment.island) {
    case "Scenario":
      return <Scenario {...segment.props} />;
    case "Checklist":
      return <Checklist {...segment.props} />;
    case "Reflection":
      return <Reflection {...segment.props} />;
    case "Practice":
      return <Practice {...segment.props} />;
    case "Quiz":
      return <Quiz />;
  }
}
