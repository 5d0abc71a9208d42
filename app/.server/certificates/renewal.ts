/**
 * Opening renewals: when a certificate's notice begins (readiness/expiry.ts), the courses marked for renewal open
 * again for its holder (progress/reopen.ts), due on the certificate's last day, and the holder is told. Completing
 * them again earns a new certificate (issue.ts). Run by the readiness refresher and `npm run notify:run`.
 */
import { chunks } from "../chunks";
import { getCourse } from "../content/catalog";
import { prisma } from "../db";
import { notify, type Outgoing } from "../notifications/notify";
import { reopenLessons } from "../progress/reopen";
import { renewalCourseSlugs, renewalOpensAt } from "../readiness/expiry";
import { readinessChanged } from "../readiness/upkeep";
import { certificateKey, latestCertificates } from "./latest";
import { certificateRenewalMessage } from "./messages";

const DAY = 24 * 60 * 60 * 1000;
/** Renewals opened per transaction: each re-opens a few courses and recomputes one person's readiness. */
const BATCH = 25;

/**
 * The certificates whose renewal is due at `now`: each the latest of its person and curriculum, not revoked, with an
 * end whose notice has begun, renewal not yet opened, held by an active person who still holds the curriculum.
 */
async function dueRenewals(now: Date) {
  // Only certificates ending within the longest notice any curriculum gives can be due: the rest are not read.
  const longest = await prisma.curriculum.aggregate({ _max: { renewalNoticeDays: true } });
  const noticeDays = longest._max.renewalNoticeDays;
  if (noticeDays === null) return [];
  const candidates = await prisma.certificate.findMany({
    where: {
      validUntil: { not: null, lte: new Date(now.getTime() + noticeDays * DAY) },
      renewalOpenedAt: null,
      revokedAt: null,
      person: { deactivatedAt: null },
      curriculum: { archivedAt: null },
    },
    select: {
      id: true,
      personId: true,
      curriculumId: true,
      curriculumName: true,
      issuedAt: true,
      validUntil: true,
      person: { select: { name: true, email: true } },
      curriculum: { select: { renewalNoticeDays: true, courses: { select: { courseSlug: true, required: true, renew: true }, orderBy: { position: "asc" } } } },
    },
    orderBy: { validUntil: "asc" },
  });
  const due = candidates.flatMap((c) =>
    c.validUntil && renewalOpensAt(c.validUntil, c.curriculum.renewalNoticeDays) <= now ? [{ ...c, validUntil: c.validUntil }] : [],
  );
  if (due.length === 0) return [];
  const issued: { id: string; personId: string; curriculumId: string; issuedAt: Date }[] = [];
  const held = new Set<string>();
  for (const batch of chunks(due, 250)) {
    const people = [...new Set(batch.map((c) => c.personId))];
    const curricula = [...new Set(batch.map((c) => c.curriculumId))];
    const [certificates, assignments] = await Promise.all([
      prisma.certificate.findMany({
        where: { personId: { in: people }, curriculumId: { in: curricula } },
        select: { id: true, personId: true, curriculumId: true, issuedAt: true },
      }),
      prisma.assignment.findMany({
        where: { personId: { in: people }, curriculumId: { in: curricula }, unassignedAt: null },
        select: { personId: true, curriculumId: true },
      }),
    ]);
    issued.push(...certificates);
    for (const a of assignments) held.add(certificateKey(a));
  }
  const latest = latestCertificates(issued);
  return due.filter((c) => held.has(certificateKey(c)) && latest.get(certificateKey(c))?.id === c.id);
}

/**
 * Open every renewal due at `now`, a batch per transaction: each certificate is claimed by setting renewalOpenedAt
 * inside the transaction (so two runs never open one twice), its renewal courses' lessons re-opened for the holder
 * (due on the certificate's last day), the holder told, their readiness recomputed. Nothing is audited: no one did it.
 */
export async function openDueRenewals(now: Date): Promise<{ opened: number; lessons: number }> {
  const due = await dueRenewals(now);
  let opened = 0;
  let lessons = 0;
  for (const batch of chunks(due, BATCH)) {
    const done = await prisma.$transaction(
      async (tx) => {
        const messages: Outgoing[] = [];
        let reopened = 0;
        for (const c of batch) {
          const { count } = await tx.certificate.updateMany({ where: { id: c.id, renewalOpenedAt: null, revokedAt: null }, data: { renewalOpenedAt: now } });
          if (count === 0) continue;
          const noticeDay = renewalOpensAt(c.validUntil, c.curriculum.renewalNoticeDays);
          const courses = renewalCourseSlugs(c.curriculum.courses).flatMap((slug) => getCourse(slug) ?? []);
          for (const course of courses) {
            const rows = await reopenLessons(
              tx,
              { courseSlug: course.slug, lessonSlugs: course.lessons.map((l) => l.slug), personIds: [c.personId] },
              { cause: "RENEWAL", certificateId: c.id, changedOn: noticeDay, dueDate: c.validUntil },
              now,
            );
            reopened += rows.length;
          }
          messages.push({
            kind: "certificate_renewal_due",
            key: `certificate_renewal_due:${c.personId}:${c.id}`,
            to: { id: c.personId, name: c.person.name, email: c.person.email },
            content: certificateRenewalMessage({ curriculumName: c.curriculumName, validUntil: c.validUntil, courses: courses.map((course) => course.title) }),
          });
        }
        if (messages.length === 0) return { opened: 0, reopened };
        await notify(tx, messages, now);
        await readinessChanged(
          tx,
          messages.map((m) => m.to.id),
          "Renewal opened",
          now,
        );
        return { opened: messages.length, reopened };
      },
      { timeout: 60_000 },
    );
    opened += done.opened;
    lessons += done.reopened;
  }
  return { opened, lessons };
}
