/** One colour per readiness state, used by badges and charts alike (WCAG AA against white text or fill). */
export const STATE_ORDER = ["READY", "ON_TRACK", "NOT_STARTED", "AT_RISK", "OVERDUE"] as const;
export type State = (typeof STATE_ORDER)[number];

export const stateColor: Record<State, string> = {
  READY: "#15803d",
  ON_TRACK: "#1d5fd1",
  NOT_STARTED: "#64748b",
  AT_RISK: "#b45309",
  OVERDUE: "#b91c1c",
};

export const stateName: Record<State, string> = {
  READY: "Ready",
  ON_TRACK: "On track",
  NOT_STARTED: "Not started",
  AT_RISK: "At risk",
  OVERDUE: "Overdue",
};
