/**
 * Issuing certificates, inside the transaction that stores the readiness summary: a person has completed a
 * curriculum exactly when its stored ReadinessCurriculum row says every required course is complete or waived.
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { notify, type Outgoing } from "../notifications/notify";
import type { ReadinessRow } from "../readiness/report";
import { publishEvents } from "../integrations/events";
import { newCertificateCode } from "./code";
import { certificateKey, latestCertificates } from "./latest";
import { validUntilFor } from "./dates";
import { certificateIssuedEvent } from "./events";
import { certificateIssuedMessage } from "./messages";

type Tx = Prisma.TransactionClient;

type CurriculumTally = { requiredDone: number; requiredWaived: number; requiredTotal: number };

/** The readiness summary's rule for a completed curriculum: at least one required course, each complete or waived. */
export const curriculumComplete = (c: CurriculumTally) => c.requiredTotal > 0 && c.requiredDone + c.requiredWaived === c.requiredTotal;

/** The (person, curriculum) pairs these rows show complete, for active people. */
export function completedCurricula(rows: Pick<ReadinessRow, "personId" | "name" | "email" | "active" | "curricula">[]) {
  return rows.flatMap((row) =>
    row.active
      ? row.curricula
          .filter(curriculumComplete)
          .map((c) => ({ personId: row.personId, name: row.name, email: row.email, curriculumId: c.id, curriculumName: c.name }))
      : [],
  );
}

/**
 * Whether a completed curriculum earns a certificate, given the person's latest one for it: none yet, or a renewal
 * that was opened (renewalOpenedAt) and is now complete again. A revoked certificate stays the person's last word on
 * that curriculum: it is never re-issued on its own.
 */
export const earnsCertificate = (latest: { revokedAt: Date | null; renewalOpenedAt: Date | null } | undefined) =>
  !latest || (latest.revokedAt === null && latest.renewalOpenedAt !== null);

/**
 * Issue a certificate for each completed curriculum that earns one (earnsCertificate; one query finds the latest
 * certificates), valid for the curriculum's months from the issue day, with a notification and a webhook event.
 */
export async function issueCertificates(tx: Tx, rows: ReadinessRow[], now: Date): Promise<number> {
  const complete = completedCurricula(rows);
  if (complete.length === 0) return 0;
  const held = await tx.certificate.findMany({
    where: { personId: { in: [...new Set(complete.map((c) => c.personId))] } },
    select: { id: true, personId: true, curriculumId: true, issuedAt: true, revokedAt: true, renewalOpenedAt: true },
  });
  const latest = latestCertificates(held);
  const earned = complete.filter((c) => earnsCertificate(latest.get(certificateKey(c))));
  if (earned.length === 0) return 0;
  const curricula = await tx.curriculum.findMany({
    where: { id: { in: [...new Set(earned.map((c) => c.curriculumId))] } },
    select: { id: true, validityMonths: true },
  });
  const months = new Map(curricula.map((c) => [c.id, c.validityMonths]));
  const fresh = earned.map((c) => ({ ...c, id: randomUUID(), code: newCertificateCode(), validUntil: validUntilFor(now, months.get(c.curriculumId) ?? null) }));
  await tx.certificate.createMany({
    data: fresh.map((c) => ({
      id: c.id,
      code: c.code,
      personId: c.personId,
      curriculumId: c.curriculumId,
      personName: c.name,
      curriculumName: c.curriculumName,
      issuedAt: now,
      validUntil: c.validUntil,
    })),
  });
  const messages: Outgoing[] = fresh.map((c) => ({
    kind: "certificate_issued",
    key: `certificate_issued:${c.personId}:${c.id}`,
    to: { id: c.personId, name: c.name, email: c.email },
    content: certificateIssuedMessage({ certificateId: c.id, curriculumName: c.curriculumName, code: c.code, issuedAt: now, validUntil: c.validUntil }),
  }));
  await notify(tx, messages, now);
  await publishEvents(
    tx,
    fresh.map((c) => certificateIssuedEvent({ ...c, issuedAt: now })),
    now,
  );
  return fresh.length;
}
