/** A person's word on a curriculum is their latest certificate of it: renewal, re-issue and expiry all read that one. */
type Issued = { id: string; personId: string; curriculumId: string; issuedAt: Date };

export const certificateKey = (c: { personId: string; curriculumId: string }) => `${c.personId}:${c.curriculumId}`;

/** The latest certificate per person and curriculum (issue time, then id: the same answer whatever the row order). */
export function latestCertificates<C extends Issued>(certificates: readonly C[]): Map<string, C> {
  const latest = new Map<string, C>();
  for (const c of certificates) {
    const before = latest.get(certificateKey(c));
    if (!before || c.issuedAt > before.issuedAt || (c.issuedAt.getTime() === before.issuedAt.getTime() && c.id > before.id)) latest.set(certificateKey(c), c);
  }
  return latest;
}
