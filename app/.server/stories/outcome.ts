import type { Role } from "~/generated/prisma/enums";
import type { StoryIntent } from "./schema";

export type StoryActor = { id: string; name: string; email: string; role: Role };
export type StoryContext = { ip: string | null };

export type StoryOutcome =
  | { kind: "done"; intent: StoryIntent; storyId: string; message: string }
  | { kind: "invalid"; intent: StoryIntent; storyId: string | null; fieldErrors: Record<string, string> }
  | { kind: "not-found" }
  | { kind: "forbidden" };

export const notFound = { kind: "not-found" } as const;
export const forbidden = { kind: "forbidden" } as const;
