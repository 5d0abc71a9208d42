import { z } from "zod";
import { emptyToUndefined } from "../forms/parse";
import { CHANNEL_LABEL, NOTIFICATION_KINDS, OPTIONAL_KINDS, type Channel } from "~/utils/notification-kinds";
import { pairKey, SettingsSchema } from "./settings";

/** Every "kind:channel" a person may switch on or off. */
export const OPTIONAL_PAIRS: readonly string[] = OPTIONAL_KINDS.flatMap((kind) =>
  (NOTIFICATION_KINDS[kind].channels as readonly Channel[]).map((channel) => pairKey(kind, channel)),
);

export type ChoiceGridRow = { kind: string; label: string; audience: string; channels: { channel: Channel; label: string; value: string; checked: boolean }[] };

/** The kinds × channels table both the account page and HR's defaults show, with each box ticked when `isOn`. */
export function choiceGrid(isOn: (pair: string) => boolean): ChoiceGridRow[] {
  return OPTIONAL_KINDS.map((kind) => ({
    kind,
    label: NOTIFICATION_KINDS[kind].label,
    audience: NOTIFICATION_KINDS[kind].audience,
    channels: (NOTIFICATION_KINDS[kind].channels as readonly Channel[]).map((channel) => ({
      channel,
      label: CHANNEL_LABEL[channel],
      value: pairKey(kind, channel),
      checked: isOn(pairKey(kind, channel)),
    })),
  }));
}

/** Ticked checkboxes: none (absent), one (a string) or several (an array). */
const tickedPairs = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : [v].flat()),
  z.array(z.string()).refine((pairs) => pairs.every((p) => OPTIONAL_PAIRS.includes(p)), "Unknown kind of message."),
);

/** The account page's form: the ticked boxes are the kinds and channels the person wants. */
export const PreferencesFormSchema = z.object({ pref: tickedPairs });

/** HR's settings form: boxes ticked are on by default, so the organisation's `defaultsOff` are the unticked ones. */
export const SettingsFormSchema = z
  .object({ defaultOn: tickedPairs })
  .passthrough()
  // A blank number box would coerce to 0: absent instead, so it is reported rather than saved.
  .transform(({ defaultOn, ...rest }) => ({
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, emptyToUndefined(v)])),
    defaultsOff: OPTIONAL_PAIRS.filter((p) => !defaultOn.includes(p)),
  }))
  .pipe(SettingsSchema);

/** The time zones the browser and server both know, with UTC first (Intl leaves it out of the list). */
export const timeZoneChoices = () => ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
