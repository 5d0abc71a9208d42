/**
 * A remark plugin that keeps lessons to what Baton renders: the known components, no imports, exports or
 * JavaScript expressions (content is data, not code), and well-formed scenarios and reflections.
 */
export const LESSON_COMPONENTS = ["KeyIdea", "Callout", "Scenario", "Choice", "Reflection", "Checklist", "Quiz"] as const;

export type Problem = { line?: number; message: string };

type Node = {
  type: string;
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

function walk(node: Node, visit: (n: Node, parent: Node | null) => void, parent: Node | null = null) {
  visit(node, parent);
  for (const child of node.children ?? []) walk(child, visit, node);
}

export function checkLessonTree(tree: Node): { problems: Problem[]; quizInBody: boolean } {
  const problems: Problem[] = [];
  let quizInBody = false;
  const allowed = new Set<string>(LESSON_COMPONENTS);
  const reflectionIds = new Set<string>();
  const add = (node: Node, message: string) => problems.push({ line: node.position?.start.line, message });

  walk(tree, (node, parent) => {
    // Generated nodes (the frontmatter export) have no position; only what an author wrote counts.
    if (node.type === "mdxjsEsm" && node.position) add(node, "imports and exports are not allowed in lessons");
    if (node.type === "mdxFlowExpression" || node.type === "mdxTextExpression") {
      add(node, "curly braces start a JavaScript expression, which lessons may not use; reword or write &#123;");
    }
    if (node.type !== "mdxJsxFlowElement" && node.type !== "mdxJsxTextElement") return;
    const name = node.name ?? "";
    if (!allowed.has(name)) {
      add(node, `unknown component <${name || "fragment"}>; use one of ${LESSON_COMPONENTS.join(", ")}`);
      return;
    }
    if (name === "Quiz") {
      if (quizInBody) add(node, "<Quiz /> appears twice");
      quizInBody = true;
    }
    if (name === "Choice" && parent?.name !== "Scenario") add(node, "<Choice> belongs inside a <Scenario>");
    if (name === "Choice" && !stringAttr(node, "feedback")) add(node, '<Choice> needs feedback="…"');
    if (name === "Scenario") {
      const choices: Node[] = [];
      walk(node, (n) => {
        if (n !== node && n.name === "Choice") choices.push(n);
      });
      if (choices.length < 2) add(node, "<Scenario> needs at least two <Choice> elements");
      if (choices.filter((c) => hasAttr(c, "best")).length !== 1) add(node, "<Scenario> needs exactly one <Choice best>");
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
  return { problems, quizInBody };
}

/** The plugin form, for mdx-bundler: collects problems instead of throwing, so every one is reported. */
export function remarkLessonRules(sink: { problems: Problem[]; quizInBody: boolean }) {
  return () => (tree: Node) => {
    const result = checkLessonTree(tree);
    sink.problems.push(...result.problems);
    sink.quizInBody = result.quizInBody;
  };
}
