/** The Outbox page's tabs: "pending" is every message not yet sent (waiting, or held by a worker right now). */
export const OUTBOX_FILTERS = ["all", "pending", "failed", "sent"] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];
