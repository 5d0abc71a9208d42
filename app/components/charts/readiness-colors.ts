/** One colour per readiness state, used by badges and charts alike (WCAG AA against white text or fill). */
import { stateLabel, type ReadinessState } from "~/utils/readiness-states";

/** Chart order: done first, most urgent last (stacked bars read from the good end). */
export const STATE_ORDER = [
  "READY",
  "ON_TRACK",
  "STARTS_LATER",
  "NO_CURRICULUM",
  "INVITED",
  "NOT_STARTED",
  "EXPIRING",
  "AT_RISK",
  "BLOCKED",
  "EXPIRED",
  "OVERDUE",
] as const satisfies readonly ReadinessState[];
export type State = ReadinessState;

export const stateColor: Record<State, string> = {
  READY: "#15803d",
  ON_TRACK: "#1d5fd1",
  STARTS_LATER: "#0e7490",
  NO_CURRICULUM: "#374151",
  INVITED: "#0f766e",
  NOT_STARTED: "#64748b",
  EXPIRING: "#854d0e",
  AT_RISK: "#b45309",
  BLOCKED: "#7e22ce",
  EXPIRED: "#9f1239",
  OVERDUE: "#b91c1c",
};

export const stateName: Record<State, string> = stateLabel;
