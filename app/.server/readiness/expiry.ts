/**
 * When a completed curriculum needs renewing: its certificate's end (validUntil, fixed when issued) and the notice
 * before it (the curriculum's renewalNoticeDays). Pure; readiness (Expiring, Expired) and the renewal job
 * (certificates/renewal.ts) both read these dates from here.
 */
import { latestCertificates } from "../certificates/latest";

const DAY = 24 * 60 * 60 * 1000;

/** The moment renewal opens: `noticeDays` whole days before the certificate's end. */
export const renewalOpensAt = (validUntil: Date, noticeDays: number) => new Date(validUntil.getTime() - noticeDays * DAY);

export type CertificateExpiry = {
  curriculumName: string;
  validUntil: Date;
  /** When renewal opens (renewalOpensAt). */
  noticeFrom: Date;
  /** Titles of the courses taken again to renew. */
  renew: string[];
};

type CertificateRow = { id: string; personId: string; curriculumId: string; issuedAt: Date; validUntil: Date | null; revokedAt: Date | null };
type HeldCurriculumFacts = {
  curriculumId: string;
  name: string;
  renewalNoticeDays: number;
  courses: { courseSlug: string; required: boolean; renew: boolean }[];
};

/** The courses a renewal opens again: those marked for renewal, or every required course when none is. */
export function renewalCourseSlugs(courses: HeldCurriculumFacts["courses"]): string[] {
  const marked = courses.filter((c) => c.renew);
  return (marked.length ? marked : courses.filter((c) => c.required)).map((c) => c.courseSlug);
}

/**
 * One person's expiries: for each curriculum they hold, their latest certificate of it when it has an end and is not
 * revoked (a revoked certificate is the last word: nothing to renew).
 */
export function certificateExpiries(
  certificates: CertificateRow[],
  held: HeldCurriculumFacts[],
  titleOf: (slug: string) => string | undefined,
): CertificateExpiry[] {
  const expiries: CertificateExpiry[] = [];
  const latestOf = new Map([...latestCertificates(certificates).values()].map((c) => [c.curriculumId, c]));
  for (const curriculum of held) {
    const latest = latestOf.get(curriculum.curriculumId);
    if (!latest?.validUntil || latest.revokedAt) continue;
    expiries.push({
      curriculumName: curriculum.name,
      validUntil: latest.validUntil,
      noticeFrom: renewalOpensAt(latest.validUntil, curriculum.renewalNoticeDays),
      renew: renewalCourseSlugs(curriculum.courses).flatMap((slug) => titleOf(slug) ?? []),
    });
  }
  return expiries;
}
