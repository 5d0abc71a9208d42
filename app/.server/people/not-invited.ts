import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../db";
import { inviteMany, type InvitationOutcome } from "./invitation";

/** One press invites at most this many; the next press carries on with the rest (they are no longer "not invited"). */
export const INVITE_BATCH_LIMIT = 5000;

/** Active people who cannot sign in yet and hold no link that still works. */
export const notInvitedWhere = (now: Date, extra: Prisma.PersonWhereInput = {}): Prisma.PersonWhereInput => ({
  ...extra,
  deactivatedAt: null,
  passwordHash: null,
  invitations: { none: { usedAt: null, expiresAt: { gt: now } } },
});

/** How many people an import created who have not been invited yet. */
export function countNotInvitedFromImport(importedAt: Date, now = new Date()) {
  return prisma.person.count({ where: notInvitedWhere(now, { createdAt: importedAt }) });
}

/** "Invite the 12 new people" on an import's result. */
export async function inviteImported(importedAt: Date, ctx: Parameters<typeof inviteMany>[1], now = new Date()): Promise<InvitationOutcome[]> {
  const people = await prisma.person.findMany({
    where: notInvitedWhere(now, { createdAt: importedAt }),
    select: { id: true },
    orderBy: { name: "asc" },
    take: INVITE_BATCH_LIMIT,
  });
  return inviteMany(
    people.map((p) => p.id),
    ctx,
    now,
  );
}

export type InvitationSummary = { emailed: number; linkOnly: InvitationOutcome[]; invalid: InvitationOutcome[]; skipped: InvitationOutcome[] };

/** What HR reads after a bulk invitation: how many went out, and each person who needs a hand. */
export function summarizeInvitations(outcomes: InvitationOutcome[]): InvitationSummary {
  return {
    emailed: outcomes.filter((o) => o.outcome === "emailed").length,
    linkOnly: outcomes.filter((o) => o.outcome === "link-only"),
    invalid: outcomes.filter((o) => o.outcome === "invalid-address"),
    skipped: outcomes.filter((o) => o.outcome === "deactivated" || o.outcome === "unknown"),
  };
}
