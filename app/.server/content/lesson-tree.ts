/**
 * Run a compiled lesson (mdx-bundler's code) on the server with a JSX runtime that records elements instead of
 * creating React elements: the result is a JSON tree (app/utils/lesson-tree.ts). Baton's MDX components appear
 * in it by name; the browser maps the names back to the components. Memoised per compiled code.
 */
import { FRAGMENT, type LessonElement, type LessonNode } from "~/utils/lesson-tree";

const FragmentMarker = Symbol("fragment");
const trees = new Map<string, LessonNode>();

function record(type: unknown, props: Record<string, unknown> | null): LessonNode {
  const p = { ...(props ?? {}) };
  // MDX's own wrappers (the content function, a layout) are plain render functions: expand them here.
  if (typeof type === "function") return toNode((type as (props: unknown) => unknown)(p));
  if (type !== FragmentMarker && typeof type !== "string") throw new Error(`A lesson used an element type Baton cannot send: ${String(type)}`);
  const element: LessonElement = { t: type === FragmentMarker ? FRAGMENT : type, p: {} };
  for (const [key, value] of Object.entries(p)) {
    if (typeof value === "function") throw new Error(`A lesson gave a function to <${element.t}> (${key}): lessons are data, not code.`);
    element.p[key] = key === "children" ? toNode(value) : value;
  }
  return element;
}

function toNode(value: unknown): LessonNode {
  if (Array.isArray(value)) return value.map(toNode);
  if (value === undefined) return null;
  return value as LessonNode;
}

const runtime = {
  Fragment: FragmentMarker,
  jsx: (type: unknown, props: Record<string, unknown>) => record(type, props),
  jsxs: (type: unknown, props: Record<string, unknown>) => record(type, props),
  jsxDEV: (type: unknown, props: Record<string, unknown>) => record(type, props),
};

/** The lesson body as a tree. `componentNames`: the MDX components lessons may use (they stay names). */
export function lessonTree(code: string, componentNames: readonly string[]): LessonNode {
  const cached = trees.get(code);
  if (cached !== undefined) return cached;
  // Server-side only, on code Baton compiled from its own content/ at build time.
  const run = new Function("React", "ReactDOM", "_jsx_runtime", code) as (...args: unknown[]) => { default: (props: unknown) => unknown };
  const exports = run({ createElement: record, Fragment: FragmentMarker }, {}, runtime);
  const components = Object.fromEntries(componentNames.map((name) => [name, name]));
  const tree = toNode(exports.default({ components }));
  trees.set(code, tree);
  return tree;
}
