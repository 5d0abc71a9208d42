/**
 * A lesson body as content:build renders it (docs/decisions/015): the top-level elements everyone sees alike as
 * static HTML, and the interactive components as islands — a name and plain props — that the page renders with
 * Baton's React components. No code is evaluated in the browser.
 */

/** One top-level element of the lesson: its tag, its attributes if any (React prop names), and its inside as HTML. */
export type HtmlSegment = { tag: string; props?: Record<string, string | number | boolean>; html: string };

/** Top-level text (a fill-in value on a line of its own). */
export type TextSegment = { text: string };

/** One option of a scenario; `html` is what the option says. */
export type ScenarioChoice = { index: string; best: boolean; feedback: string; html: string };

export type ScenarioProps = { title: string; setting?: string; index: string; situation: string; choices: ScenarioChoice[] };
export type ChecklistProps = { title?: string; index: string; steps: string[] };
export type ReflectionProps = { id: string; prompt: string };
export type PracticeProps = { title: string; html: string };

export type IslandSegment =
  | { island: "Scenario"; props: ScenarioProps }
  | { island: "Checklist"; props: ChecklistProps }
  | { island: "Reflection"; props: ReflectionProps }
  | { island: "Practice"; props: PracticeProps }
  | { island: "Quiz" };

export type LessonSegment = HtmlSegment | TextSegment | IslandSegment;
