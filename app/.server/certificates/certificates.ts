/** Reading certificates: the owner's, HR's list, the public verification and who may download a PDF. */
import type { Viewer } from "../auth/require-user";
import { prisma } from "../db";
import { normaliseCode } from "./code";
import { curriculumComplete } from "./issue";

export type CertificateStatus = "valid" | "expired" | "revoked";

type Dated = { validUntil: Date | null; revokedAt: Date | null };

export function certificateStatus(c: Dated, now: Date): CertificateStatus {
  if (c.revokedAt) return "revoked";
  if (c.validUntil && c.validUntil <= now) return "expired";
  return "valid";
}

const shown = { id: true, code: true, personName: true, curriculumName: true, issuedAt: true, validUntil: true, revokedAt: true } as const;

/**
 * What the public verification page may show for a code typed in any form: the name, the curriculum, the dates and
 * the status — never the reason, an e-mail or an id. Null: no certificate has this code.
 */
export async function verifyCertificate(input: string, now: Date) {
  const code = normaliseCode(input);
  if (!code) return null;
  const c = await prisma.certificate.findUnique({
    where: { code },
    select: { code: true, personName: true, curriculumName: true, issuedAt: true, validUntil: true, revokedAt: true },
  });
  return c ? { ...c, status: certificateStatus(c, now) } : null;
}

/** The certificate if this viewer may download it: its holder, HR, or the holder's manager. Null otherwise. */
export async function certificateForDownload(viewer: Viewer, certificateId: string) {
  const c = await prisma.certificate.findUnique({
    where: { id: certificateId },
    select: { ...shown, personId: true, person: { select: { managerId: true } } },
  });
  if (!c) return null;
  const allowed = viewer.role === "HR" || c.personId === viewer.id || c.person.managerId === viewer.id;
  if (!allowed) return null;
  const { person: _person, personId: _id, ...rest } = c;
  return rest;
}

/** The certificates a person holds, newest first (My learning). */
export async function certificatesHeldBy(personId: string, now: Date) {
  const rows = await prisma.certificate.findMany({ where: { personId }, select: shown, orderBy: { issuedAt: "desc" } });
  return rows.map((c) => ({ ...c, status: certificateStatus(c, now) }));
}

/**
 * The completion screen: the owner's certificate and what comes next — the curricula of theirs still open, from
 * the stored readiness summary. Null when it is not theirs.
 */
export async function completionScreen(personId: string, certificateId: string, now: Date) {
  const c = await prisma.certificate.findFirst({ where: { id: certificateId, personId }, select: { ...shown, curriculumId: true } });
  if (!c) return null;
  const curricula = await prisma.readinessCurriculum.findMany({ where: { personId }, orderBy: { name: "asc" } });
  const open = curricula
    .filter((r) => r.curriculumId !== c.curriculumId && !curriculumComplete(r))
    .map((r) => ({ name: r.name, left: r.requiredTotal - r.requiredDone - r.requiredWaived }));
  return { certificate: { ...c, status: certificateStatus(c, now) }, open };
}

/** Every certificate, newest first, for HR. */
export async function certificateList(now: Date) {
  const rows = await prisma.certificate.findMany({ select: { ...shown, revokedReason: true }, orderBy: [{ issuedAt: "desc" }, { code: "asc" }], take: 1000 });
  return rows.map((c) => ({ ...c, status: certificateStatus(c, now) }));
}
