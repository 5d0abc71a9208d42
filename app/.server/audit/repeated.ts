import { z } from "zod";
import { prisma } from "../db";
import type { AuditInput } from "./audit";

/** A repeat folds into the open row if it comes within 5 minutes of the last one (longer than any sign-in delay). */
const AUDIT_FOLD_GAP_MS = 5 * 60_000;
/** …and if that row started less than an hour ago, so a long attack still shows its course hour by hour. */
const AUDIT_FOLD_SPAN_MS = 60 * 60_000;
/** How many of the varying values (addresses, or accounts) a folded row lists. */
const SAMPLE_SIZE = 10;

const Bookkeeping = z.object({ lastAt: z.string(), ips: z.array(z.string()).optional(), targets: z.array(z.string()).optional() });

/** The stored details, keys in their stored order (the prefix match depends on it), and the bookkeeping in them. */
function readFolded(details: string | null) {
  try {
    const raw = z.record(z.unknown()).parse(JSON.parse(details ?? ""));
    const known = Bookkeeping.safeParse(raw);
    return known.success ? { raw, ...known.data } : null;
  } catch {
    return null;
  }
}

/**
 * Audits an event an outsider can repeat at will (failed and throttled sign-ins) without letting them fill the
 * table: a repeat of the same event updates the open row's `count` instead of adding a row. The same event means
 * the same action and details, and the same `by` column: "target" for one account tried from many addresses,
 * "ip" for one address trying many accounts. The row keeps the first occurrence's columns and time; its details
 * gain `lastAt` and up to 10 of the other column's values (`ips` or `targets`).
 */
export async function recordRepeatedAudit(input: AuditInput, options: { by: "target" | "ip"; now: Date; gapMs?: number; spanMs?: number }): Promise<void> {
  const { by, now } = options;
  const key = (by === "target" ? input.target : input.ip) ?? null;
  const other = (by === "target" ? input.ip : input.target) ?? null;
  const listName = by === "target" ? "ips" : "targets";
  // The stored details begin with the event's own details, then the bookkeeping: that prefix identifies a repeat.
  const own = JSON.stringify(input.details ?? {}).slice(0, -1);
  const prefix = `${own}${own === "{" ? "" : ","}"lastAt":`;
  await prisma.$transaction(async (tx) => {
    const candidates = await tx.auditEvent.findMany({
      where: {
        action: input.action,
        at: { gte: new Date(now.getTime() - (options.spanMs ?? AUDIT_FOLD_SPAN_MS)) },
        ...(by === "target" ? { target: key } : { ip: key }),
        details: { startsWith: prefix },
      },
      orderBy: { at: "desc" },
      take: 5,
      select: { id: true, details: true },
    });
    // LIKE treats _ and % as wildcards: confirm the prefix exactly.
    const open = candidates.find((c) => c.details?.startsWith(prefix));
    const folded = open ? readFolded(open.details) : null;
    if (open && folded && Date.parse(folded.lastAt) >= now.getTime() - (options.gapMs ?? AUDIT_FOLD_GAP_MS)) {
      const seen = folded[listName] ?? [];
      const list = other && !seen.includes(other) && seen.length < SAMPLE_SIZE ? [...seen, other] : seen;
      await tx.auditEvent.update({
        where: { id: open.id },
        data: { count: { increment: 1 }, details: JSON.stringify({ ...folded.raw, lastAt: now.toISOString(), [listName]: list }) },
      });
      return;
    }
    await tx.auditEvent.create({
      data: {
        at: now,
        action: input.action,
        actorId: input.actor?.id ?? null,
        actorEmail: input.actor?.email ?? null,
        target: input.target ?? null,
        subjectId: input.subjectId ?? null,
        ip: input.ip ?? null,
        details: JSON.stringify({ ...input.details, lastAt: now.toISOString(), [listName]: other ? [other] : [] }),
      },
    });
  });
}
