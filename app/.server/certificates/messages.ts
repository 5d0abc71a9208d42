/** What Baton tells a person about their certificates, for the bell and the e-mail alike (notifications/content.ts). */
import type { MessageContent } from "../notifications/content";
import { formatCode } from "./code";
import { longDate } from "./dates";

export const completionPath = (certificateId: string) => `/learn/certificates/${certificateId}`;

export function certificateIssuedMessage(p: { certificateId: string; curriculumName: string; code: string; issuedAt: Date }): MessageContent {
  return {
    subject: `Your certificate for ${p.curriculumName}`,
    lines: [
      `You completed “${p.curriculumName}” on ${longDate(p.issuedAt)}. Well done!`,
      `Your certificate is ready to download. Anyone can check it with the code ${formatCode(p.code)}.`,
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
