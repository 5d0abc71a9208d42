import { describe, expect, it } from "vitest";
import { HideStorySchema, PostStorySchema, StoryFilterSchema } from "./schema";

const post = (text: string, behaviour = "owned-it") => PostStorySchema.safeParse({ subject: "p1", behaviour, text });
const errorOf = (result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("PostStorySchema", () => {
  it("trims the text and keeps markup exactly as written", () => {
    const text = `  <img src=x onerror=alert(1)> & <script>alert("hi")</script>  `;
    expect(post(text)).toEqual({ success: true, data: { subject: "p1", behaviour: "owned-it", text: text.trim() } });
  });

  it("needs 1 to 1,500 characters, counting a line break as one", () => {
    expect(errorOf(post("   "))).toEqual(["text: Tell the story: what happened?"]);
    expect(post("x".repeat(1500)).success).toBe(true);
    expect(errorOf(post("x".repeat(1501)))).toEqual(["text: Keep the story to 1,500 characters or fewer."]);
    const lines = Array.from({ length: 500 }, () => "ab").join("\r\n");
    expect(lines.length).toBeGreaterThan(1500);
    expect(post(lines)).toMatchObject({ success: true, data: { text: lines.replace(/\r\n/g, "\n") } });
  });

  it("takes only a behaviour from content/behaviours.yml and needs a colleague", () => {
    expect(errorOf(post("ok", "made-up"))).toEqual(["behaviour: Choose one of the behaviours listed."]);
    expect(errorOf(PostStorySchema.safeParse({ subject: "", text: "ok" }))).toEqual([
      "subject: Choose the colleague the story is about.",
      "behaviour: Choose the behaviour the story shows.",
    ]);
  });
});

describe("HideStorySchema", () => {
  it("needs a reason of at most 500 characters", () => {
    expect(errorOf(HideStorySchema.safeParse({ story: "s", reason: " " }))).toEqual([
      "reason: Give a reason for hiding the story: it is kept in the audit log.",
    ]);
    expect(errorOf(HideStorySchema.safeParse({ story: "s", reason: "r".repeat(501) }))).toEqual(["reason: Keep the reason to 500 characters or fewer."]);
    expect(HideStorySchema.safeParse({ story: "s", reason: "Names a customer" }).success).toBe(true);
  });
});

describe("StoryFilterSchema", () => {
  it("falls back to the newest list and drops blank filters", () => {
    expect(StoryFilterSchema.parse({})).toEqual({ view: "newest", behaviour: undefined, department: undefined });
    expect(StoryFilterSchema.parse({ view: "nonsense", behaviour: "", department: "Warehouse" })).toEqual({
      view: "newest",
      behaviour: undefined,
      department: "Warehouse",
    });
  });
});
