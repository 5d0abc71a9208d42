/** The readiness states and their names: shared by the rules on the server and every badge, tile and chart. */

/** Every state, most urgent first (the order of tiles, filters and sorting). */
export const READINESS_STATES = [
  "OVERDUE",
  "EXPIRED",
  "BLOCKED",
  "AT_RISK",
  "EXPIRING",
  "NOT_STARTED",
  "INVITED",
  "ON_TRACK",
  "STARTS_LATER",
  "NO_CURRICULUM",
  "READY",
] as const;
export type ReadinessState = (typeof READINESS_STATES)[number];

export const stateLabel: Record<ReadinessState, string> = {
  OVERDUE: "Overdue",
  EXPIRED: "Expired",
  BLOCKED: "Blocked",
  AT_RISK: "At risk",
  EXPIRING: "Expiring",
  NOT_STARTED: "Not started",
  INVITED: "Invited, not signed in",
  ON_TRACK: "On track",
  STARTS_LATER: "Starts later",
  NO_CURRICULUM: "No curriculum",
  READY: "Ready",
};
