import { data } from "@remix-run/node";
import type { OverrideOutcome } from "./create";

/** An override's outcome as the person pages answer it: the message, field errors (400), or 404. */
export function overrideResponse(outcome: OverrideOutcome, intent: string) {
  if (outcome.kind === "not-found") throw new Response("Not found", { status: 404 });
  if (outcome.kind === "invalid") return data({ ok: false as const, intent, fieldErrors: outcome.fieldErrors }, { status: 400 });
  return { ok: true as const, message: outcome.message };
}
