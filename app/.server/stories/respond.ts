import { data } from "@remix-run/node";
import type { StoryOutcome } from "./outcome";

export type StoryActionData =
  { ok: true; intent: string; storyId: string; message: string } | { ok: false; intent: string; storyId: string | null; fieldErrors: Record<string, string> };

/** A story action's outcome as /stories answers it: the message, field errors (400), 403 or 404. */
export function storyResponse(outcome: StoryOutcome) {
  if (outcome.kind === "not-found") throw new Response("Not found", { status: 404 });
  if (outcome.kind === "forbidden") throw new Response("You do not have access to this page.", { status: 403 });
  if (outcome.kind === "invalid") {
    return data<StoryActionData>({ ok: false, intent: outcome.intent, storyId: outcome.storyId, fieldErrors: outcome.fieldErrors }, { status: 400 });
  }
  return data<StoryActionData>({ ok: true, intent: outcome.intent, storyId: outcome.storyId, message: outcome.message });
}
