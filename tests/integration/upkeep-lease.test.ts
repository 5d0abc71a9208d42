// Background work across several servers (docs/decisions/018): one holder at a time, renewed while it lives, taken
// over once it has gone quiet.
import { describe, expect, it } from "vitest";
import { holdLease } from "~/.server/upkeep-lease";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 24, 9, minutes));

describe("upkeep leases", () => {
  it("lets one server hold the work, renew it, and another take over only after it lapses", async () => {
    const a = { owner: "host-a:100" };
    const b = { owner: "host-b:200" };
    expect(await holdLease("readiness", 10 * 60_000, { ...a, now: at(0) })).toBe(true);
    expect(await holdLease("readiness", 10 * 60_000, { ...b, now: at(5) })).toBe(false);
    expect(await holdLease("readiness", 10 * 60_000, { ...a, now: at(8) })).toBe(true); // renewed until 9:18
    expect(await holdLease("readiness", 10 * 60_000, { ...b, now: at(15) })).toBe(false);
    expect(await holdLease("readiness", 10 * 60_000, { ...b, now: at(18) })).toBe(true);
    expect(await holdLease("readiness", 10 * 60_000, { ...a, now: at(20) })).toBe(false);
  });

  it("gives a lease to exactly one of many servers asking at the same moment", async () => {
    const owners = Array.from({ length: 8 }, (_, i) => ({ owner: `host-${i}:1` }));
    const granted = await Promise.all(owners.map((o) => holdLease("notification-schedule", 60_000, { ...o, now: at(30) })));
    expect(granted.filter(Boolean)).toHaveLength(1);
  });

  it("keeps leases of different work apart", async () => {
    expect(await holdLease("housekeeping", 60_000, { owner: "x:1", now: at(40) })).toBe(true);
    expect(await holdLease("other-work", 60_000, { owner: "y:1", now: at(40) })).toBe(true);
  });
});
