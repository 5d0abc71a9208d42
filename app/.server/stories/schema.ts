import { z } from "zod";
import { text } from "../forms/text";
import { getBehaviours } from "./behaviours";

export const STORY_MAX = 1500;
const HIDE_REASON_MAX = 500;

const STORY_INTENTS = ["post", "delete", "highlight", "unhighlight", "hide", "unhide"] as const;
export type StoryIntent = (typeof STORY_INTENTS)[number];
export const StoryIntentSchema = z.enum(STORY_INTENTS);

const storyId = z.string({ required_error: "Choose a story." }).min(1, "Choose a story.");

/** The post form. The colleague is checked against the database by the domain (active, not the author). */
export const PostStorySchema = z.object({
  subject: z.string({ required_error: "Choose the colleague the story is about." }).min(1, "Choose the colleague the story is about."),
  behaviour: z
    .string({ required_error: "Choose the behaviour the story shows." })
    .refine((id) => getBehaviours().some((b) => b.id === id), "Choose one of the behaviours listed."),
  text: z
    .string({ required_error: "Tell the story: what happened?" })
    // Browsers send line breaks as CRLF but count them as one character against maxlength: count them as one too.
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      text({ multiline: true })
        .min(1, "Tell the story: what happened?")
        .max(STORY_MAX, `Keep the story to ${STORY_MAX.toLocaleString("en-GB")} characters or fewer.`),
    ),
});
export type PostStoryInput = z.infer<typeof PostStorySchema>;

export const StoryRefSchema = z.object({ story: storyId });

export const HideStorySchema = z.object({
  story: storyId,
  reason: text({ multiline: true, required_error: "Give a reason for hiding the story: it is kept in the audit log." })
    .min(1, "Give a reason for hiding the story: it is kept in the audit log.")
    .max(HIDE_REASON_MAX, `Keep the reason to ${HIDE_REASON_MAX} characters or fewer.`),
});

const STORY_VIEWS = ["newest", "highlighted", "about-me", "hidden"] as const;
export type StoryView = (typeof STORY_VIEWS)[number];

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v : undefined));

/** The list's query string; anything unexpected falls back to the default rather than failing the page. */
export const StoryFilterSchema = z.object({
  view: z.enum(STORY_VIEWS).catch("newest"),
  behaviour: optional.catch(undefined),
  department: optional.catch(undefined),
});
export type StoryFilter = z.infer<typeof StoryFilterSchema>;
