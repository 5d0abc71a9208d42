/** What Baton tells a person about their certificates, for the bell and the e-mail alike (notifications/content.ts). */
import type { MessageContent } from "../notifications/content";
import { formatCode } from "./code";
import { longDate } from "./dates";

export const completionPath = (certificateId: string) => `/learn/certificates/${certificateId}`;

export function certificateIssuedMessage(p: {
  certificateId: string;
  curriculumName: string;
  code: string;
  issuedAt: Date;
  validUntil: Date | null;
}): MessageContent {
  return {
    subject: `Your certificate for ${p.curriculumName}`,
    lines: [
      `You completed “${p.curriculumName}” on ${longDate(p.issuedAt)}. Well done!`,
      `Your certificate is ready to download. Anyone can check it with the code ${formatCode(p.code)}.`,
      ...(p.validUntil ? [`It is valid until ${longDate(p.validUntil)}; Baton will tell you in good time how to renew it.`] : []),
    ],
    action: { label: "See your certificate", path: completionPath(p.certificateId) },
  };
}

export function certificateRevokedMessage(p: { certificateId: string; curriculumName: string; revokedAt: Date; reason: string }): MessageContent {
  return {
    subject: `Your certificate for ${p.curriculumName} was revoked`,
    lines: [`Your certificate for “${p.curriculumName}” was revoked on ${longDate(p.revokedAt)}.`, `The reason given: “${p.reason}”`],
    action: { label: "See the certificate", path: completionPath(p.certificateId) },
  };
}

/** The renewal window opened: the courses to take again are open on My learning. */
export function certificateRenewalMessage(p: { curriculumName: string; validUntil: Date; courses: string[] }): MessageContent {
  return {
    subject: `Renew your certificate for ${p.curriculumName}`,
    lines: [
      `Your certificate for “${p.curriculumName}” expires on ${longDate(p.validUntil)}: take ${listed(p.courses)} again.`,
      "Finish them before that day and Baton issues a new certificate.",
    ],
    action: { label: "Open My learning", path: "/learn" },
  };
}

/** "A", "A and B", "A, B and C". */
function listed(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "the courses marked for renewal";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
