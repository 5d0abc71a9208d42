/**
 * Plain-language warnings on one quiz item, for whoever owns the content. Each threshold is here, with why.
 * Pure: takes the item's figures, returns sentences.
 */

/**
 * Below this many answers, one person moves facility by more than ten points and a correlation means
 * little: the item only says "too few answers" and makes no other judgement.
 */
const MIN_RESPONSES = 10;
/** A wrong option picked by fewer than 1 in 20 is not distracting anyone: it is probably obviously wrong. */
const RARELY_CHOSEN_SHARE = 0.05;
/** At 90 % right the item no longer tells people apart; fine for a must-know fact, worth a look otherwise. */
const EASY_FACILITY = 0.9;
/** Under 30 % right, more people miss it than would by guessing on most items: the teaching or key is suspect. */
const HARD_FACILITY = 0.3;
/** Below zero, people who do well on the rest of the quiz miss this item more often than people who do badly. */
const NEGATIVE_DISCRIMINATION = 0;

type FlagKind = "too-few" | "miskeyed" | "hard" | "easy" | "giveaway-option";
export type ItemFlag = { kind: FlagKind; message: string };

export type FlagInput = {
  type: "single" | "multiple" | "scenario" | "truefalse";
  n: number;
  facility: number | null;
  discrimination: number | null;
  options: { label: string; correct: boolean; count: number; share: number | null }[];
};

/** The item's flags, most serious first. */
export function itemFlags(item: FlagInput): ItemFlag[] {
  if (item.n < MIN_RESPONSES) return [{ kind: "too-few", message: "Too few answers to judge yet" }];
  const flags: ItemFlag[] = [];
  if (item.discrimination !== null && item.discrimination < NEGATIVE_DISCRIMINATION) {
    flags.push({ kind: "miskeyed", message: "Strong learners miss this more than weak ones — check the key" });
  }
  if (item.facility !== null && item.facility < HARD_FACILITY) {
    flags.push({ kind: "hard", message: "Most people get this wrong — check the teaching or the key" });
  }
  if (item.facility !== null && item.facility >= EASY_FACILITY) {
    flags.push({ kind: "easy", message: "Almost everyone gets this right" });
  }
  // True/false has one wrong option: "nobody picks it" is "almost everyone gets this right" again.
  if (item.type !== "truefalse") {
    for (const option of item.options) {
      if (option.correct || option.share === null || option.share >= RARELY_CHOSEN_SHARE) continue;
      const who = option.count === 0 ? `Nobody picks option ${option.label}` : `Hardly anyone picks option ${option.label} (${option.count} of ${item.n})`;
      flags.push({ kind: "giveaway-option", message: `${who} — it may give the answer away` });
    }
  }
  return flags;
}
