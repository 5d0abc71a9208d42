import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { prisma } from "../db";
import { publishEvents } from "../integrations/events";
import { notify } from "../notifications/notify";
import { readinessChanged } from "../readiness/upkeep";
import { formatCode } from "./code";
import { certificateRevokedEvent } from "./events";
import { certificateRevokedMessage } from "./messages";

export const RevokeSchema = z.object({
  certificateId: z.string().min(1).max(100),
  reason: z.string().trim().min(3, "Give a reason of at least 3 characters.").max(500, "Keep the reason under 500 characters."),
});

export type RevokeOutcome =
  { kind: "revoked"; curriculumName: string; personName: string } | { kind: "already-revoked"; revokedAt: Date } | { kind: "not-found" };

/**
 * Revoke a certificate with a reason: audited, the holder told and webhooks sent, in one transaction. Revoking
 * one already revoked changes nothing (the first reason and date stand).
 */
export async function revokeCertificate(
  input: z.infer<typeof RevokeSchema>,
  ctx: { actor: { id: string; email: string }; ip: string | null },
  now: Date,
): Promise<RevokeOutcome> {
  return prisma.$transaction(async (tx) => {
    const c = await tx.certificate.findUnique({
      where: { id: input.certificateId },
      select: {
        id: true,
        code: true,
        personId: true,
        personName: true,
        curriculumId: true,
        curriculumName: true,
        issuedAt: true,
        validUntil: true,
        revokedAt: true,
        person: { select: { name: true, email: true } },
      },
    });
    if (!c) return { kind: "not-found" } as const;
    const { count } = await tx.certificate.updateMany({
      where: { id: c.id, revokedAt: null },
      data: { revokedAt: now, revokedReason: input.reason, revokedById: ctx.actor.id },
    });
    if (count === 0) return { kind: "already-revoked", revokedAt: c.revokedAt ?? now } as const;
    await recordAudit(
      {
        action: "certificate.revoked",
        actor: ctx.actor,
        target: formatCode(c.code),
        subjectId: c.personId,
        ip: ctx.ip,
        details: { certificateId: c.id, curriculum: c.curriculumName, reason: input.reason },
      },
      tx,
    );
    await notify(
      tx,
      [
        {
          kind: "certificate_revoked",
          key: `certificate_revoked:${c.personId}:${c.id}`,
          to: { id: c.personId, name: c.person.name, email: c.person.email },
          content: certificateRevokedMessage({ certificateId: c.id, curriculumName: c.curriculumName, revokedAt: now, reason: input.reason }),
        },
      ],
      now,
    );
    await publishEvents(tx, [certificateRevokedEvent(c, now, input.reason)], now);
    // Readiness reads the latest certificate's end (Expiring, Expired); a revoked one has none.
    await readinessChanged(tx, [c.personId], "Certificate revoked", now);
    return { kind: "revoked", curriculumName: c.curriculumName, personName: c.personName } as const;
  });
}
