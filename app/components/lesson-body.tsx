import { createElement } from "react";
import type { LessonSegment } from "~/utils/lesson-segments";
import { LessonIsland } from "./mdx";

/**
 * A lesson body as content:build rendered it (docs/decisions/015): each static top-level element is rendered as
 * itself with its inside as HTML — no wrapper, so the page's `prose` styles see the same elements as before — and
 * each island with Baton's component. The HTML is React's own rendering of Baton's content/, never user input.
 */
export function LessonBody({ segments }: { segments: LessonSegment[] }) {
  return (
    <>
      {segments.map((segment, i) => {
        if ("island" in segment) return <LessonIsland key={i} segment={segment} />;
        if ("text" in segment) return segment.text;
        // A void element (<hr>) may not have inner HTML, even an empty one.
        const inner = segment.html === "" ? {} : { dangerouslySetInnerHTML: { __html: segment.html } };
        return createElement(segment.tag, { key: i, ...segment.props, ...inner });
      })}
    </>
  );
}
