/**
 * Issuing certificates, inside the transaction that stores the readiness summary: a person has completed a
 * curriculum exactly when its stored ReadinessCurriculum row says every required course is complete or waived.
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { notify, type Outgoing } from "../notifications/notify";
import type { ReadinessRow } from "../readiness/report";
import { newCertificateCode } from "./code";
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
 * Issue a certificate for each completed curriculum that has none yet (one query finds those that have). A revoked
 * certificate stays the person's last word on that curriculum: it is never re-issued on its own.
 */
export async function issueCertificates(tx: Tx, rows: ReadinessRow[], now: Date): Promise<number> {
  const complete = completedCurricula(rows);
  if (complete.length === 0) return 0;
  const held = await tx.certificate.findMany({
    where: { personId: { in: [...new Set(complete.map((c) => c.personId))] } },
    select: { personId: true, curriculumId: true },
  });
  const has = new Set(held.map((h) => `${h.personId}:${h.curriculumId}`));
  const fresh = complete.filter((c) => !has.has(`${c.personId}:${c.curriculumId}`)).map((c) => ({ ...c, id: randomUUID(), code: newCertificateCode() }));
  if (fresh.length === 0) return 0;
  await tx.certificate.createMany({
    data: fresh.map((c) => ({
      id: c.id,
      code: c.code,
      personId: c.personId,
      curriculumId: c.curriculumId,
      personName: c.name,
      curriculumName: c.curriculumName,
      issuedAt: now,
    })),
  });
  const messages: Outgoing[] = fresh.map((c) => ({
    kind: "certificate_issued",
    key: `certificate_issued:${c.personId}:${c.id}`,
    to: { id: c.personId, name: c.name, email: c.email },
    content: certificateIssuedMessage({ certificateId: c.id, curriculumName: c.curriculumName, code: c.code, issuedAt: now }),
  }));
  await notify(tx, messages, now);
  return fresh.length;
}
