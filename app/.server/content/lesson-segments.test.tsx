import { bundleMDX } from "mdx-bundler";
import { getMDXComponent } from "mdx-bundler/client/index.js";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { LessonBody } from "~/components/lesson-body";
import { Callout, KeyIdea } from "~/components/mdx/callouts";
import { Value } from "~/components/mdx/value";
import type { IslandSegment, LessonSegment } from "~/utils/lesson-segments";
import { getCatalog, getLessonCode, getLessonSegments } from "./catalog";
import { compileLesson } from "./compile";
import { renderLessonSegments } from "./lesson-segments";
import { LessonSegmentsSchema } from "./schema";

// The islands need a Remix router to render; here each prints its name, which is all the comparison needs.
vi.mock("~/components/mdx", () => ({ LessonIsland: ({ segment }: { segment: IslandSegment }) => <div data-island={segment.island} /> }));

const EVERY_COMPONENT = `---
title: Every component
objectives: [Use them all]
minutes: 5
completion: view
---

## Before you start

Some **bold** words, our name <Value name="company-name" />, and a gap: <Value name="promise" />.

- one
- two

<KeyIdea title="Remember">A key idea with *emphasis*.</KeyIdea>

<Callout type="warning">Careful.</Callout>

<Scenario title="A parcel is late" setting="Warehouse">
A customer rings about a **late** parcel.

<Choice feedback="They wait.">Say sorry</Choice>
<Choice best feedback="They know what happens next.">Find out and call back</Choice>
</Scenario>

<Reflection id="my-note" prompt="What would you do?" />

<Checklist title="Before lunch">
- Check the **queue**
- Answer the oldest
</Checklist>

<Practice title="Hand over a case" evidence="note">
Do it on a real case.

<Criterion>Says who owns it</Criterion>
<Criterion>Checks it was picked up</Criterion>
</Practice>

<Quiz />

---
`;

const VALUES = { "company-name": { label: "Company", value: "Acme" }, promise: { label: "The promise", value: "" } };

async function segmentsOf(source: string) {
  const compiled = await compileLesson(source, null);
  expect(compiled.problems).toEqual([]);
  return renderLessonSegments(compiled.code ?? "", VALUES);
}

const statics = (segments: LessonSegment[]) => segments.flatMap((s) => ("tag" in s ? [s] : []));
const islands = (segments: LessonSegment[]) => segments.flatMap((s) => ("island" in s ? [s] : []));

describe("lesson bodies rendered at content:build", () => {
  it("turns everything that is the same for everyone into HTML, fill-in values included", async () => {
    const segments = await segmentsOf(EVERY_COMPONENT);
    expect(statics(segments).map((s) => s.tag)).toEqual(["h2", "p", "ul", "aside", "aside", "hr"]);
    const [heading, paragraph, list, keyIdea, callout, rule] = statics(segments);
    expect(heading?.html).toBe("Before you start");
    expect(paragraph?.html).toContain("<strong>bold</strong> words, our name Acme, and a gap: <mark");
    expect(paragraph?.html).toContain("[to be filled in: The promise]</mark>");
    expect(list?.html).toBe("\n<li>one</li>\n<li>two</li>\n");
    expect(keyIdea?.props).toMatchObject({ "aria-label": "Remember", className: expect.stringContaining("not-prose") });
    expect(keyIdea?.html).toContain("<em>emphasis</em>");
    expect(callout?.props).toMatchObject({ "aria-label": "Watch out" });
    expect(rule).toEqual({ tag: "hr", html: "" });
    // React's own markup of Baton's content: no scripts and no inline event handlers for the CSP to refuse.
    expect(JSON.stringify(segments)).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it("keeps each interactive component as an island with its name and props", async () => {
    expect(islands(await segmentsOf(EVERY_COMPONENT))).toEqual([
      {
        island: "Scenario",
        props: {
          title: "A parcel is late",
          setting: "Warehouse",
          index: "1",
          situation: expect.stringContaining("<p>A customer rings about a <strong>late</strong> parcel.</p>"),
          choices: [
            { index: "0", best: false, feedback: "They wait.", html: "Say sorry" },
            { index: "1", best: true, feedback: "They know what happens next.", html: "Find out and call back" },
          ],
        },
      },
      { island: "Reflection", props: { id: "my-note", prompt: "What would you do?" } },
      { island: "Checklist", props: { title: "Before lunch", index: "1", steps: ["Check the <strong>queue</strong>", "Answer the oldest"] } },
      // The criteria are listed from the server's copy of the task, not from the body.
      { island: "Practice", props: { title: "Hand over a case", html: "<p>Do it on a real case.</p>" } },
      { island: "Quiz" },
    ]);
  });

  it("is plain data that the server's check reads back unchanged", async () => {
    const segments = await segmentsOf(EVERY_COMPONENT);
    const json = JSON.parse(JSON.stringify(segments));
    expect(json).toEqual(segments);
    expect(LessonSegmentsSchema.parse(json)).toEqual(segments);
    expect(() => LessonSegmentsSchema.parse([{ tag: "script", html: "alert(1)" }])).toThrow();
  });

  it("refuses an interactive component inside another element, which it could not hydrate", async () => {
    // The content check refuses this with its line (compile.test.ts); compiled without the check, the build still stops.
    const { code } = await bundleMDX({ source: '<Callout type="warning">\nCareful.\n\n<Reflection id="inside" prompt="Why?" />\n</Callout>\n' });
    expect(() => renderLessonSegments(code, VALUES)).toThrow("<Reflection> must stand on its own at the top level");
  });
});

describe("the library's lesson bodies", () => {
  const catalog = getCatalog();
  const lessons = catalog.courses.flatMap((course) => course.lessons.map((lesson) => ({ course, lesson })));
  const stand = (name: string) => () => <div data-island={name} />;
  const components = {
    KeyIdea,
    Callout,
    Value: ({ name }: { name: string }) => <Value name={name} entry={catalog.values[name]} />,
    Criterion: () => null,
    Choice: () => null,
    ...Object.fromEntries(["Scenario", "Checklist", "Reflection", "Practice", "Quiz"].map((name) => [name, stand(name)])),
  };
  // Whitespace between block elements is not content (the segments leave it out).
  const blocks = (markup: string) => markup.replace(/>\n+</g, "><");

  it("render as the compiled MDX does, every island in its place, for every lesson", () => {
    expect(lessons.length).toBeGreaterThan(50);
    for (const { course, lesson } of lessons) {
      const Content = getMDXComponent(getLessonCode(lesson));
      const viaCode = renderToStaticMarkup(<Content components={components} />);
      const viaSegments = renderToStaticMarkup(<LessonBody segments={getLessonSegments(course.slug, lesson.slug)} />);
      expect(blocks(viaSegments), lesson.slug).toBe(blocks(viaCode));
    }
  });

  it("give each island what the content check counted: choices, steps and reflection ids", () => {
    for (const { course, lesson } of lessons) {
      const found = islands(getLessonSegments(course.slug, lesson.slug));
      expect(found.flatMap((s) => (s.island === "Scenario" ? [s.props.choices.length] : [])), lesson.slug).toEqual(lesson.scenarios ?? []);
      expect(found.flatMap((s) => (s.island === "Checklist" ? [s.props.steps.length] : [])), lesson.slug).toEqual(lesson.checklists ?? []);
      expect(found.flatMap((s) => (s.island === "Reflection" ? [s.props.id] : [])), lesson.slug).toEqual(lesson.reflections ?? []);
      expect(found.some((s) => s.island === "Quiz"), lesson.slug).toBe(lesson.quizInBody);
    }
  });
});
