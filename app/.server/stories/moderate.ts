import { recordAudit } from "../audit/audit";
import { prisma } from "../db";
import { forbidden, notFound, type StoryActor, type StoryContext, type StoryOutcome } from "./outcome";
import { mayHighlight, mayModerate } from "./rules";

const storyFor = (storyId: string) => ({ where: { id: storyId }, select: { id: true, hiddenAt: true, subject: { select: { email: true } } } }) as const;

/**
 * Highlight a story (any manager, for anyone, or HR) or take the highlight off, audited. Hidden stories are
 * not found. Repeating either is harmless and writes no second audit event.
 */
export async function setHighlight(actor: StoryActor, storyId: string, on: boolean, ctx: StoryContext, now: Date): Promise<StoryOutcome> {
  if (!mayHighlight(actor.role)) return forbidden;
  return prisma.$transaction(async (tx) => {
    const story = await tx.serviceStory.findUnique(storyFor(storyId));
    if (!story || story.hiddenAt) return notFound;
    const changed = await tx.serviceStory.updateMany({
      where: { id: story.id, highlightedAt: on ? null : { not: null } },
      data: on ? { highlightedAt: now, highlightedById: actor.id } : { highlightedAt: null, highlightedById: null },
    });
    if (changed.count > 0) {
      await recordAudit(
        { action: on ? "story.highlighted" : "story.unhighlighted", actor, target: story.subject.email, ip: ctx.ip, details: { story: story.id } },
        tx,
      );
    }
    return { kind: "done", intent: on ? "highlight" : "unhighlight", storyId: story.id, message: on ? "Story highlighted." : "Highlight removed." };
  });
}

/**
 * HR hides a story with a reason (null unhides it), audited with the reason. A hidden story leaves every list
 * but HR's hidden one; unhiding brings it back as it was, highlight included.
 */
export async function setHidden(actor: StoryActor, storyId: string, reason: string | null, ctx: StoryContext, now: Date): Promise<StoryOutcome> {
  if (!mayModerate(actor.role)) return forbidden;
  const hide = reason !== null;
  return prisma.$transaction(async (tx) => {
    const story = await tx.serviceStory.findUnique(storyFor(storyId));
    if (!story) return notFound;
    const changed = await tx.serviceStory.updateMany({
      where: { id: story.id, hiddenAt: hide ? null : { not: null } },
      data: hide ? { hiddenAt: now, hiddenById: actor.id, hiddenReason: reason } : { hiddenAt: null, hiddenById: null, hiddenReason: null },
    });
    if (changed.count > 0) {
      const details = hide ? { story: story.id, reason } : { story: story.id };
      await recordAudit({ action: hide ? "story.hidden" : "story.unhidden", actor, target: story.subject.email, ip: ctx.ip, details }, tx);
    }
    return {
      kind: "done",
      intent: hide ? "hide" : "unhide",
      storyId: story.id,
      message: hide ? "Story hidden. Only HR can see it now." : "Story shown again.",
    };
  });
}
