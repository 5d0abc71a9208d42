import type { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { prisma } from "../db";
import { behaviourName } from "./behaviours";
import { viewAllowed } from "./rules";
import type { StoryFilter } from "./schema";

export const LIST_LIMIT = 100;

const storyColumns = {
  id: true,
  text: true,
  behaviour: true,
  createdAt: true,
  authorId: true,
  highlightedAt: true,
  highlightedById: true,
  hiddenAt: true,
  hiddenById: true,
  hiddenReason: true,
  author: { select: { name: true } },
  subject: { select: { name: true, department: true } },
} as const satisfies Prisma.ServiceStorySelect;

type Row = Prisma.ServiceStoryGetPayload<{ select: typeof storyColumns }>;

/** One story as every page shows it: names resolved, the viewer's own marked, moderation by name. */
export type StoryCard = {
  id: string;
  text: string;
  behaviour: { id: string; name: string };
  createdAt: Date;
  author: { name: string };
  subject: { name: string; department: string | null };
  mine: boolean;
  highlighted: { at: Date; by: string } | null;
  hidden: { at: Date; by: string; reason: string } | null;
};

async function toCards(rows: Row[], viewerId: string): Promise<StoryCard[]> {
  // Who highlighted or hid is a plain id on the story: one query for all their names.
  const ids = [...new Set(rows.flatMap((r) => [r.highlightedById, r.hiddenById]).filter((id): id is string => id !== null))];
  const names = new Map((await prisma.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? "someone who has left") : "someone who has left");
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    behaviour: { id: r.behaviour, name: behaviourName(r.behaviour) },
    createdAt: r.createdAt,
    author: r.author,
    subject: r.subject,
    mine: r.authorId === viewerId,
    highlighted: r.highlightedAt ? { at: r.highlightedAt, by: nameOf(r.highlightedById) } : null,
    hidden: r.hiddenAt ? { at: r.hiddenAt, by: nameOf(r.hiddenById), reason: r.hiddenReason ?? "" } : null,
  }));
}

/** The where clause of one list; only HR's hidden list ever includes hidden stories. */
function whereFor(viewerId: string, filter: StoryFilter): Prisma.ServiceStoryWhereInput {
  return {
    hiddenAt: filter.view === "hidden" ? { not: null } : null,
    ...(filter.view === "highlighted" ? { highlightedAt: { not: null } } : {}),
    ...(filter.view === "about-me" ? { subjectId: viewerId } : {}),
    ...(filter.behaviour ? { behaviour: filter.behaviour } : {}),
    ...(filter.department ? { subject: { department: filter.department } } : {}),
  };
}

/**
 * A list on /stories: newest, highlighted, about the viewer, or (HR only) hidden; narrowed by behaviour and by
 * the subject's department. A list the viewer may not open falls back to the newest; the filter used comes back.
 */
export async function listStories(viewer: { id: string; role: Role }, requested: StoryFilter, take = LIST_LIMIT) {
  const filter: StoryFilter = { ...requested, view: viewAllowed(viewer.role, requested.view) ? requested.view : "newest" };
  const orderBy: Prisma.ServiceStoryOrderByWithRelationInput[] =
    filter.view === "highlighted" ? [{ highlightedAt: "desc" }, { createdAt: "desc" }] : [{ createdAt: "desc" }, { id: "asc" }];
  const rows = await prisma.serviceStory.findMany({ where: whereFor(viewer.id, filter), select: storyColumns, orderBy, take });
  return { filter, stories: await toCards(rows, viewer.id) };
}

/** The newest stories about one person that everyone can see: for their home page. */
export async function storiesAbout(personId: string, take = 3): Promise<StoryCard[]> {
  const rows = await prisma.serviceStory.findMany({
    where: { subjectId: personId, hiddenAt: null },
    select: storyColumns,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
  });
  return toCards(rows, personId);
}

/** The colleagues a story can be about: everyone active except the author, by department and name. */
export async function storySubjects(authorId: string) {
  return prisma.person.findMany({
    where: { deactivatedAt: null, id: { not: authorId } },
    select: { id: true, name: true, department: true },
    orderBy: [{ department: "asc" }, { name: "asc" }],
  });
}
