import { getMDXComponent } from "mdx-bundler/client/index.js";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { lessonElements } from "~/components/lesson-body";
import { getCatalog, getLessonCode } from "./catalog";
import { lessonTree } from "./lesson-tree";
import { LESSON_COMPONENTS } from "./mdx-rules";

// Stand-ins that print their name and props, so the comparison sees exactly what each component receives.
const stub = (name: string) => (props: Record<string, unknown> & { children?: ReactNode }) => {
  const { children, ...rest } = props;
  return createElement("div", { "data-component": name, "data-props": JSON.stringify(rest) }, children);
};
const stubs = Object.fromEntries(LESSON_COMPONENTS.map((name) => [name, stub(name)]));

describe("lesson bodies as data", () => {
  const lessons = getCatalog().courses.flatMap((c) => c.lessons);

  it("render exactly as the compiled MDX does, for every lesson in the library", () => {
    expect(lessons.length).toBeGreaterThan(50);
    for (const lesson of lessons) {
      const code = getLessonCode(lesson);
      const viaCode = renderToStaticMarkup(createElement(getMDXComponent(code), { components: stubs }));
      const tree = lessonTree(code, LESSON_COMPONENTS);
      const viaTree = renderToStaticMarkup(createElement("div", null, lessonElements(tree, stubs)));
      expect(viaTree, lesson.slug).toBe(`<div>${viaCode}</div>`);
      // Plain data: survives JSON (what the loader sends) unchanged.
      expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
    }
  });

  it("drops an element type the content check would refuse instead of rendering it", () => {
    const markup = renderToStaticMarkup(createElement("div", null, lessonElements({ t: "Evil", p: { children: "x" } }, stubs)));
    expect(markup).toBe("<div></div>");
  });
});
