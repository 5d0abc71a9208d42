import { recordAudit } from "../audit/audit";
import { prisma } from "../db";
import { notify } from "../notifications/notify";
import { storyAboutYouMessage } from "../notifications/templates";
import { notFound, type StoryActor, type StoryContext, type StoryOutcome } from "./outcome";
import { eligibleSubject, mayDelete } from "./rules";
import type { PostStoryInput } from "./schema";

/**
 * Post a story about a colleague. The colleague is read and the story written in one transaction, so a
 * person deactivated a moment earlier cannot receive one. The text is stored exactly as written (trimmed).
 */
export async function postStory(author: StoryActor, input: PostStoryInput, now: Date): Promise<StoryOutcome> {
  return prisma.$transaction(async (tx) => {
    const found = await tx.person.findUnique({ where: { id: input.subject }, select: { id: true, name: true, email: true, deactivatedAt: true } });
    const eligible = eligibleSubject(author.id, found);
    if ("problem" in eligible) return { kind: "invalid", intent: "post", storyId: null, fieldErrors: { subject: eligible.problem } };
    const { subject } = eligible;
    const story = await tx.serviceStory.create({
      data: { authorId: author.id, subjectId: subject.id, behaviour: input.behaviour, text: input.text, createdAt: now },
      select: { id: true },
    });
    // Stories show at once (HR hides after the fact, no approval first): the colleague hears about it now.
    const content = storyAboutYouMessage({ authorName: author.name, title: storyTitle(input.text) });
    await notify(
      tx,
      [{ kind: "story_about_you", key: `story_about_you:${story.id}`, to: { id: subject.id, name: subject.name, email: subject.email }, content }],
      now,
    );
    const first = subject.name.split(" ")[0] ?? subject.name;
    return {
      kind: "done",
      intent: "post",
      storyId: story.id,
      message: `Thank you: your story about ${first} is posted, and ${first} will see it on their home page.`,
    };
  });
}

/** A story has no title: its opening words stand for it in the message. */
function storyTitle(text: string): string {
  const line = text.split("\n")[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79).trimEnd()}…` : line;
}

/** The author deletes their own story; for anyone else it does not exist. */
export async function deleteStory(actor: StoryActor, storyId: string, ctx: StoryContext): Promise<StoryOutcome> {
  return prisma.$transaction(async (tx) => {
    const story = await tx.serviceStory.findUnique({ where: { id: storyId }, select: { id: true, authorId: true, subject: { select: { email: true } } } });
    if (!story || !mayDelete(actor.id, story)) return notFound;
    await tx.serviceStory.delete({ where: { id: story.id } });
    await recordAudit({ action: "story.deleted", actor, target: story.subject.email, ip: ctx.ip, details: { story: story.id } }, tx);
    return { kind: "done", intent: "delete", storyId: story.id, message: "Your story is deleted." };
  });
}
