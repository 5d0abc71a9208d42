/** Certificates as webhook events (integrations/events.ts): one per certificate issued, one when it is revoked. */
import { eventIdFrom, type IntegrationEvent } from "../integrations/events";
import { formatCode } from "./code";

type Issued = {
  id: string;
  code: string;
  personId: string;
  curriculumId: string;
  curriculumName: string;
  issuedAt: Date;
  validUntil: Date | null;
};

const fields = (c: Issued) => ({
  personId: c.personId,
  certificateId: c.id,
  code: formatCode(c.code),
  curriculumId: c.curriculumId,
  curriculumName: c.curriculumName,
  issuedAt: c.issuedAt.toISOString(),
  validUntil: c.validUntil?.toISOString() ?? null,
});

/** Each happens once per certificate, so the certificate names the event (a retried transaction sends nothing twice). */
export const certificateIssuedEvent = (c: Issued): IntegrationEvent => ({
  type: "certificate.issued",
  ...fields(c),
  eventId: eventIdFrom(`certificate.issued:${c.id}`),
});

export const certificateRevokedEvent = (c: Issued, revokedAt: Date, reason: string): IntegrationEvent => ({
  type: "certificate.revoked",
  ...fields(c),
  revokedAt: revokedAt.toISOString(),
  reason,
  eventId: eventIdFrom(`certificate.revoked:${c.id}`),
});
