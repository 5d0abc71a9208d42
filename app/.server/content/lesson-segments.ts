/**
 * content:build renders each lesson body once (docs/decisions/015): it runs the compiled MDX here, at build time
 * only, and splits the result at the top level into static HTML — React's renderToStaticMarkup of Baton's own
 * content, fill-in values included — and islands for the interactive components, whose props become plain data.
 * The server never evaluates lesson code per request and the browser never does.
 */
import { getMDXComponent } from "mdx-bundler/client/index.js";
import { Children, createElement, Fragment, isValidElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Callout, KeyIdea, type CalloutType } from "~/components/mdx/callouts";
import { Value } from "~/components/mdx/value";
import type { IslandSegment, LessonSegment, ScenarioChoice } from "~/utils/lesson-segments";
import type { FillInValues } from "./values";

type Props = Record<string, unknown> & { children?: ReactNode };
type Render = (props: Props) => ReactNode;

/** The interactive components: each reads the learner's own state, so the page renders it, not the build. */
const ISLANDS = ["Scenario", "Checklist", "Reflection", "Practice", "Quiz"] as const;
type IslandName = (typeof ISLANDS)[number];

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

function required(value: unknown, what: string): string {
  if (typeof value !== "string") throw new Error(`${what} is missing`);
  return value;
}

const calloutType = (value: unknown): CalloutType | undefined => (value === "tip" || value === "note" || value === "warning" ? value : undefined);

/** Static HTML of some MDX children (keys come from Children.toArray, so React has nothing to warn about). */
const html = (node: ReactNode) => renderToStaticMarkup(createElement(Fragment, null, ...Children.toArray(node)));

/** An island's stand-in: recognised by identity at the top level; rendered anywhere else, it is an authoring error. */
const standIn = (name: string): Render => {
  const render: Render = () => {
    throw new Error(`<${name}> must stand on its own at the top level of the lesson, not inside another element`);
  };
  return render;
};

const childrenOf = (node: ReactNode, tags: string[]) =>
  isValidElement<Props>(node) && typeof node.type === "string" && tags.includes(node.type) ? node.props.children : undefined;

/**
 * The steps of a checklist: the top-level items of the Markdown list inside it, in the order the content compiler
 * counted them. A loose list wraps each item in a paragraph, which a label may not hold, so that wrapper is dropped.
 */
function checklistSteps(children: ReactNode): ReactNode[] {
  const items: ReactNode[] = [];
  Children.forEach(children, (list) => {
    Children.forEach(childrenOf(list, ["ul", "ol"]), (item) => {
      const content = childrenOf(item, ["li"]);
      if (content === undefined) return;
      items.push(Children.map(content, (part) => childrenOf(part, ["p"]) ?? part));
    });
  });
  return items;
}

function islandSegment(name: IslandName, p: Props, choice: Render): IslandSegment {
  switch (name) {
    case "Scenario": {
      const situation: ReactNode[] = [];
      const choices: ScenarioChoice[] = [];
      for (const child of Children.toArray(p.children)) {
        if (isValidElement<Props>(child) && child.type === choice) {
          const c = child.props;
          choices.push({ index: required(c.index, "<Choice> index"), best: c.best === true, feedback: text(c.feedback) ?? "", html: html(c.children) });
        } else situation.push(child);
      }
      const setting = text(p.setting);
      return {
        island: "Scenario",
        props: { title: text(p.title) ?? "", ...(setting ? { setting } : {}), index: required(p.index, "<Scenario> index"), situation: html(situation), choices },
      };
    }
    case "Checklist": {
      const title = text(p.title);
      return { island: "Checklist", props: { ...(title ? { title } : {}), index: required(p.index, "<Checklist> index"), steps: checklistSteps(p.children).map(html) } };
    }
    case "Reflection":
      return { island: "Reflection", props: { id: required(p.id, "<Reflection> id"), prompt: text(p.prompt) ?? "" } };
    case "Practice":
      return { island: "Practice", props: { title: text(p.title) ?? "", html: html(p.children) } };
    case "Quiz":
      return { island: "Quiz" };
  }
}

/** A top-level element's attributes must be plain values to travel as data (Markdown's are: `start` on a list). */
function htmlSegment(tag: string, props: Props): LessonSegment {
  const plain: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === "children" || value === undefined) continue;
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") throw new Error(`<${tag} ${key}> is not a plain value`);
    plain[key] = value;
  }
  return { tag, ...(Object.keys(plain).length ? { props: plain } : {}), html: html(props.children) };
}

/** The segments of a lesson's compiled MDX (mdx-bundler's code), with the library's fill-in values. */
export function renderLessonSegments(code: string, values: FillInValues): LessonSegment[] {
  const islands = new Map<unknown, IslandName>();
  const choice = standIn("Choice");
  const components: Record<string, Render> = {
    // Everyone sees these alike: rendered here, once.
    KeyIdea: (p) => KeyIdea({ title: text(p.title), children: p.children }),
    Callout: (p) => Callout({ type: calloutType(p.type), title: text(p.title), children: p.children }),
    Value: (p) => {
      const name = text(p.name) ?? "";
      return Value({ name, entry: values[name] });
    },
    // Criteria are listed by the practice island from the server's copy of the task.
    Criterion: () => null,
    Choice: choice,
  };
  for (const name of ISLANDS) {
    const render = standIn(name);
    components[name] = render;
    islands.set(render, name);
  }
  const renders = new Map<unknown, Render>(Object.values(components).map((render) => [render, render]));

  const segmentsOf = (node: ReactNode): LessonSegment[] =>
    Children.toArray(node).flatMap((child): LessonSegment[] => {
      if (typeof child === "string" || typeof child === "number") return String(child).trim() ? [{ text: String(child) }] : [];
      if (!isValidElement<Props>(child)) throw new Error("A lesson holds something Baton cannot render");
      if (child.type === Fragment) return segmentsOf(child.props.children);
      if (typeof child.type === "string") return [htmlSegment(child.type, child.props)];
      const island = islands.get(child.type);
      if (island) return [islandSegment(island, child.props, choice)];
      // KeyIdea, Callout, Value: plain functions of their props, so the element they render takes their place.
      const render = renders.get(child.type);
      if (render) return segmentsOf(render(child.props));
      throw new Error("A lesson used a component Baton does not know");
    });

  return segmentsOf(getMDXComponent(code)({ components }));
}
