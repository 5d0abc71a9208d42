import { describe, expect, it } from "vitest";
import { choiceGrid, OPTIONAL_PAIRS, PreferencesFormSchema, SettingsFormSchema, timeZoneChoices } from "./forms";

const settings = { timeZone: "Europe/Berlin", emailFromHour: "8", emailUntilHour: "18", escalationDays: "3" };

describe("notification forms", () => {
  it("reads ticked preference boxes: none, one or several; an unknown one is refused", () => {
    expect(PreferencesFormSchema.parse({})).toEqual({ pref: [] });
    expect(PreferencesFormSchema.parse({ pref: "due_reminder:email" })).toEqual({ pref: ["due_reminder:email"] });
    expect(PreferencesFormSchema.parse({ pref: ["due_reminder:email", "escalation:app"] }).pref).toHaveLength(2);
    expect(PreferencesFormSchema.safeParse({ pref: "invitation:email" }).success).toBe(false);
    expect(PreferencesFormSchema.safeParse({ pref: ["due_reminder:sms"] }).success).toBe(false);
  });

  it("turns HR's ticked defaults into the pairs that are off, with the rest of the settings", () => {
    const ticked = OPTIONAL_PAIRS.filter((p) => p !== "manager_digest:email");
    expect(SettingsFormSchema.parse({ ...settings, emailWeekdaysOnly: "on", defaultOn: ticked })).toEqual({
      timeZone: "Europe/Berlin",
      emailFromHour: 8,
      emailUntilHour: 18,
      emailWeekdaysOnly: true,
      escalationDays: 3,
      defaultsOff: ["manager_digest:email"],
    });
    // Nothing ticked: everything off by default; an unticked weekdays box is false.
    expect(SettingsFormSchema.parse(settings)).toMatchObject({ emailWeekdaysOnly: false, defaultsOff: [...OPTIONAL_PAIRS] });
  });

  it("reports each bad setting under its own field", () => {
    const result = SettingsFormSchema.safeParse({ ...settings, timeZone: "Mars/Olympus", escalationDays: "400", defaultOn: "nope:app" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("defaultOn");
    const fields = SettingsFormSchema.safeParse({ ...settings, timeZone: "Mars/Olympus", escalationDays: "400" }).error!.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["timeZone", "escalationDays"]));
    const blank = SettingsFormSchema.safeParse({ ...settings, escalationDays: " " }).error!.issues;
    expect(blank).toMatchObject([{ path: ["escalationDays"], message: "Enter a whole number." }]);
    const hours = SettingsFormSchema.safeParse({ ...settings, emailFromHour: "18", emailUntilHour: "9" }).error!.issues.map((i) => i.path.join("."));
    expect(hours).toEqual(["emailUntilHour"]);
  });

  it("builds the grid of optional kinds and offers UTC among the time zones", () => {
    const grid = choiceGrid((p) => p === "escalation:app");
    expect(grid.flatMap((r) => r.channels.map((c) => c.value))).toEqual([...OPTIONAL_PAIRS]);
    expect(grid.find((r) => r.kind === "escalation")!.channels.find((c) => c.channel === "app")!.checked).toBe(true);
    expect(grid.some((r) => r.kind === "invitation")).toBe(false);
    expect(timeZoneChoices()[0]).toBe("UTC");
  });
});
