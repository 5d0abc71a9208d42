import { describe, expect, it } from "vitest";
import { eventIdOf, type IntegrationEvent } from "./events";

const t = new Date("2026-11-24T09:00:00Z");
const later = new Date("2026-11-24T09:00:05Z");

describe("event ids", () => {
  it("are the same for the same cause, whatever the clock, when the event names its cause", () => {
    const graded: IntegrationEvent = { type: "quiz.graded", personId: "p", courseSlug: "c", lessonSlug: "l", attemptId: "a1", score: 50, passed: false };
    expect(eventIdOf(graded, t)).toBe(eventIdOf(graded, later));
    expect(eventIdOf({ ...graded, attemptId: "a2" }, t)).not.toBe(eventIdOf(graded, t));
    expect(eventIdOf({ type: "person.created", personId: "p" }, t)).toBe(eventIdOf({ type: "person.created", personId: "p" }, later));
  });

  it("tell repeatable events apart by their moment, and take the publisher's id when given", () => {
    const off: IntegrationEvent = { type: "person.deactivated", personId: "p" };
    expect(eventIdOf(off, t)).toBe(eventIdOf(off, new Date(t)));
    expect(eventIdOf(off, t)).not.toBe(eventIdOf(off, later));
    expect(eventIdOf({ ...off, eventId: "evt_given" }, t)).toBe("evt_given");
    expect(eventIdOf(off, t)).toMatch(/^evt_[0-9a-f]{32}$/);
  });
});
