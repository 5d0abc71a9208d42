import { createElement, Fragment, type ComponentType, type ReactNode } from "react";
import { FRAGMENT, type LessonNode } from "~/utils/lesson-tree";
import { mdxComponents } from "./mdx";

type Components = Record<string, ComponentType<Record<string, unknown>>>;
const HTML_TAG = /^[a-z][a-z0-9]*$/;

/** React elements from a lesson tree (app/.server/content/lesson-tree.ts), with these components for the names. */
export function lessonElements(node: LessonNode, components: Components, key?: number): ReactNode {
  if (node === null || typeof node !== "object") return node;
  if (Array.isArray(node)) return node.map((n, i) => lessonElements(n, components, i));
  const { children, ...props } = node.p;
  // The content check allows only Baton's components and HTML; anything else is dropped rather than trusted.
  const type = node.t === FRAGMENT ? Fragment : (components[node.t] ?? (HTML_TAG.test(node.t) ? node.t : null));
  if (type === null) return null;
  const kids =
    children === undefined ? [] : Array.isArray(children) ? children.map((c) => lessonElements(c, components)) : [lessonElements(children, components)];
  return createElement(type as string, { ...props, key }, ...kids);
}

/** A lesson body: the same elements on the server and in the browser, and no code evaluated in the browser. */
export function LessonBody({ tree }: { tree: LessonNode }) {
  return <>{lessonElements(tree, mdxComponents as unknown as Components)}</>;
}
