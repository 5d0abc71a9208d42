/**
 * A remark plugin that keeps lessons to what Baton renders: the known components, no imports, exports or
 * JavaScript expressions (content is data, not code), and well-formed scenarios, checklists and reflections.
 * It also numbers every <Scenario>, <Checklist> and <Choice>, so a learner's saved choice or ticks find
 * their component again.
 */
export const LESSON_COMPONENTS = ["KeyIdea", "Callout", "Scenario", "Choice", "Reflection", "Checklist", "Quiz", "Practice", "Criterion", "Value"] as const;

const PRACTICE_EVIDENCE = ["none", "note", "note-and-link"] as const;
type PracticeEvidence = (typeof PRACTICE_EVIDENCE)[number];

/** A practice task as the server keeps it: what a reviewer checks, without rendering the lesson. */
type PracticeFacts = { title: string; evidence: PracticeEvidence; criteria: string[] };

export type Problem = { line?: number; message: string };

type Node = {
  type: string;
  value?: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
  position?: { start: { line: number } };
};

const attr = (node: Node, name: string) => node.attributes?.find((a) => a.type === "mdxJsxAttribute" && a.name === name);
const hasAttr = (node: Node, name: string) => attr(node, name) !== undefined;
const stringAttr = (node: Node, name: string) => {
  const value = attr(node, name)?.value;
  return typeof value === "string" ? value : undefined;
};

/** The interactive components: the page renders them as islands beside static HTML, so they stand at the top level. */
const ISLANDS = new Set(["Scenario", "Checklist", "Reflection", "Practice", "Quiz"]);

/** Components whose `index` Baton writes: an author's own would make saved answers point elsewhere. */
const NUMBERED = new Set(["Scenario", "Checklist", "Choice"]);

const isElement = (n: Node) => n.type === "mdxJsxFlowElement" || n.type === "mdxJsxTextElement";

function setIndex(node: Node, index: number) {
  const others = (node.attributes ?? []).filter((a) => !(a.type === "mdxJsxAttribute" && a.name === "index"));
  node.attributes = [...others, { type: "mdxJsxAttribute", name: "index", value: String(index) }];
}

function choicesOf(scenario: Node): Node[] {
  const choices: Node[] = [];
  walk(scenario, (n) => {
    if (n !== scenario && isElement(n) && n.name === "Choice") choices.push(n);
  });
  return choices;
}

/** The Markdown lists directly inside a <Checklist>; their top-level items are the steps. */
const listsOf = (checklist: Node) => (checklist.children ?? []).filter((n) => n.type === "list");

export type LessonTreeFacts = {
  problems: Problem[];
  quizInBody: boolean;
  /** Choices per <Scenario>, in document order. */
  scenarios: number[];
  /** Items per <Checklist>, in document order. */
  checklists: number[];
  /** Ids of the <Reflection> notes, in document order: a note is saved only under one of these. */
  reflections: string[];
  /** The lesson's <Practice> task, if it has one. */
  practice: PracticeFacts | null;
  /** Names of the fill-in values (<Value name="…" />) the lesson uses. */
  values: string[];
  /** Words a learner reads (for the time estimate). */
  words: number;
};

/** The plain text of a node (criteria are short sentences; markup inside them is flattened). */
const textOf = (node: Node): string =>
  node.type === "text" || node.type === "inlineCode" ? (node.value ?? "") : (node.children ?? []).map(textOf).join("");

const criteriaOf = (practice: Node): Node[] => {
  const found: Node[] = [];
  walk(practice, (n) => {
    if (n !== practice && isElement(n) && n.name === "Criterion") found.push(n);
  });
  return found;
};

function walk(node: Node, visit: (n: Node, parent: Node | null) => void, parent: Node | null = null) {
  visit(node, parent);
  for (const child of node.children ?? []) walk(child, visit, node);
}

/** Checks the lesson and numbers its Scenario (1, 2, …), Checklist (1, 2, …) and Choice (0, 1, … per scenario) elements in place. */
function checkLessonTree(tree: Node): LessonTreeFacts {
  const problems: Problem[] = [];
  let quizInBody = false;
  const scenarios: number[] = [];
  const checklists: number[] = [];
  let practice: PracticeFacts | null = null;
  const values: string[] = [];
  let words = 0;
  const allowed = new Set<string>(LESSON_COMPONENTS);
  const reflectionIds = new Set<string>();
  const add = (node: Node, message: string) => problems.push({ line: node.position?.start.line, message });

  walk(tree, (node, parent) => {
    // Generated nodes (the frontmatter export) have no position; only what an author wrote counts.
    if (node.type === "mdxjsEsm" && node.position) add(node, "imports and exports are not allowed in lessons");
    if (node.type === "mdxFlowExpression" || node.type === "mdxTextExpression") {
      add(node, "curly braces start a JavaScript expression, which lessons may not use; reword or write &#123;");
    }
    if (node.type === "text") words += (node.value ?? "").split(/\s+/).filter(Boolean).length;
    if (node.type !== "mdxJsxFlowElement" && node.type !== "mdxJsxTextElement") return;
    const name = node.name ?? "";
    if (!allowed.has(name)) {
      add(node, `unknown component <${name || "fragment"}>; use one of ${LESSON_COMPONENTS.join(", ")}`);
      return;
    }
    if (ISLANDS.has(name) && parent?.type !== "root") add(node, `<${name}> goes on its own line at the top level of the lesson, not inside another element`);
    if (NUMBERED.has(name) && hasAttr(node, "index")) add(node, `<${name}> gets its index from Baton; remove index="…"`);
    if (name === "Quiz") {
      if (quizInBody) add(node, "<Quiz /> appears twice");
      quizInBody = true;
    }
    if (name === "Choice" && parent?.name !== "Scenario") add(node, "<Choice> belongs inside a <Scenario>");
    if (name === "Choice" && !stringAttr(node, "feedback")) add(node, '<Choice> needs feedback="…"');
    if (name === "Scenario") {
      const choices = choicesOf(node);
      if (choices.length < 2) add(node, "<Scenario> needs at least two <Choice> elements");
      if (choices.filter((c) => hasAttr(c, "best")).length !== 1) add(node, "<Scenario> needs exactly one <Choice best>");
    }
    if (name === "Checklist") {
      const lists = listsOf(node);
      if (lists.length === 0) add(node, "<Checklist> needs a Markdown list of the steps (lines starting with -)");
      if (lists.length > 1) add(node, "<Checklist> holds one Markdown list; split it into two checklists");
    }
    if (name === "Criterion" && parent?.name !== "Practice") add(node, "<Criterion> belongs inside a <Practice>");
    if (name === "Practice") {
      const title = stringAttr(node, "title");
      const evidence = stringAttr(node, "evidence") ?? "note";
      const criteria = criteriaOf(node).map((c) => textOf(c).replace(/\s+/g, " ").trim());
      if (practice) add(node, "a lesson has at most one <Practice>");
      if (!title) add(node, '<Practice> needs title="…" (what the learner does, in a few words)');
      if (!(PRACTICE_EVIDENCE as readonly string[]).includes(evidence)) add(node, `<Practice evidence> must be ${PRACTICE_EVIDENCE.map((e) => `"${e}"`).join(", ")}`);
      if (criteria.length < 2 || criteria.length > 6) add(node, `<Practice> needs 2 to 6 <Criterion> elements (what an observer checks), has ${criteria.length}`);
      if (criteria.some((c) => c.length === 0)) add(node, "<Criterion> needs text");
      practice ??= { title: title ?? "", evidence: evidence as PracticeEvidence, criteria };
    }
    if (name === "Value") {
      const valueName = stringAttr(node, "name");
      if (!valueName) add(node, '<Value> needs name="…", one of the keys in content/values.yml');
      else values.push(valueName);
    }
    if (name === "Reflection") {
      const id = stringAttr(node, "id");
      if (!id || !/^[a-z0-9-]+$/.test(id)) add(node, '<Reflection> needs id="lower-case-words"');
      else if (reflectionIds.has(id)) add(node, `<Reflection id="${id}"> is used twice in this lesson`);
      else reflectionIds.add(id);
      if (!stringAttr(node, "prompt")) add(node, '<Reflection> needs prompt="…"');
    }
    if (name === "Callout" && !["tip", "note", "warning", undefined].includes(stringAttr(node, "type"))) {
      add(node, '<Callout type> must be "tip", "note" or "warning"');
    }
  });
  // Numbered after checking, so an index Baton wrote is never mistaken for an author's.
  walk(tree, (node) => {
    if (!isElement(node)) return;
    if (node.name === "Scenario") {
      const choices = choicesOf(node);
      choices.forEach((choice, i) => setIndex(choice, i));
      scenarios.push(choices.length);
      setIndex(node, scenarios.length);
    }
    if (node.name === "Checklist") {
      checklists.push(listsOf(node).reduce((n, list) => n + (list.children ?? []).filter((c) => c.type === "listItem").length, 0));
      setIndex(node, checklists.length);
    }
  });
  return { problems, quizInBody, scenarios, checklists, reflections: [...reflectionIds], practice, values, words };
}

/** The plugin form, for mdx-bundler: collects problems instead of throwing, so every one is reported. */
export function remarkLessonRules(sink: LessonTreeFacts) {
  return () => (tree: Node) => {
    const result = checkLessonTree(tree);
    sink.problems.push(...result.problems);
    sink.quizInBody = result.quizInBody;
    sink.scenarios = result.scenarios;
    sink.checklists = result.checklists;
    sink.reflections = result.reflections;
    sink.practice = result.practice;
    sink.values = result.values;
    sink.words = result.words;
  };
}
