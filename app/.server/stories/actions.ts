import { parseForm } from "../forms/parse";
import { setHidden, setHighlight } from "./moderate";
import type { StoryActor, StoryContext, StoryOutcome } from "./outcome";
import { deleteStory, postStory } from "./post";
import { HideStorySchema, PostStorySchema, StoryRefSchema, type StoryIntent } from "./schema";

/** Parse the form of one /stories action and run it; bad input comes back as field errors, nothing written. */
export async function runStoryIntent(actor: StoryActor, intent: StoryIntent, form: FormData, ctx: StoryContext, now: Date): Promise<StoryOutcome> {
  const storyId = typeof form.get("story") === "string" ? String(form.get("story")) : null;
  const invalid = (fieldErrors: Record<string, string | undefined>): StoryOutcome => ({
    kind: "invalid",
    intent,
    storyId,
    fieldErrors: Object.fromEntries(Object.entries(fieldErrors).filter((e): e is [string, string] => e[1] !== undefined)),
  });
  if (intent === "post") {
    const parsed = parseForm(form, PostStorySchema);
    return parsed.ok ? postStory(actor, parsed.data, now) : invalid(parsed.errors);
  }
  if (intent === "hide") {
    const parsed = parseForm(form, HideStorySchema);
    return parsed.ok ? setHidden(actor, parsed.data.story, parsed.data.reason, ctx, now) : invalid(parsed.errors);
  }
  const parsed = parseForm(form, StoryRefSchema);
  if (!parsed.ok) return invalid(parsed.errors);
  const id = parsed.data.story;
  if (intent === "delete") return deleteStory(actor, id, ctx);
  if (intent === "unhide") return setHidden(actor, id, null, ctx, now);
  return setHighlight(actor, id, intent === "highlight", ctx, now);
}
