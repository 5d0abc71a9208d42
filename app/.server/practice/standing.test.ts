import { describe, expect, it } from "vitest";
import { practiceStanding } from "./standing";

const at = (iso: string) => new Date(`${iso}T09:00:00Z`);
const title = (slug: string) => (slug === "gone" ? null : `Task ${slug}`);

describe("practiceStanding", () => {
  it("is decided by the newest submission of each task", () => {
    const rows = [
      { lessonSlug: "a", status: "RETURNED", submittedAt: at("2026-11-01"), reviewedAt: at("2026-11-02") },
      { lessonSlug: "a", status: "WAITING", submittedAt: at("2026-11-05"), reviewedAt: null },
      { lessonSlug: "b", status: "WAITING", submittedAt: at("2026-11-03"), reviewedAt: null },
      { lessonSlug: "b", status: "RETURNED", submittedAt: at("2026-11-04"), reviewedAt: at("2026-11-06") },
    ] as const;
    expect(practiceStanding(rows, title)).toEqual([
      { lessonSlug: "a", taskTitle: "Task a", status: "waiting", at: at("2026-11-05") },
      { lessonSlug: "b", taskTitle: "Task b", status: "returned", at: at("2026-11-06") },
    ]);
  });
  it("says nothing of a signed-off task, or of a lesson the caller leaves out (done, or no longer in the course)", () => {
    const rows = [
      { lessonSlug: "a", status: "RETURNED", submittedAt: at("2026-11-01"), reviewedAt: at("2026-11-02") },
      { lessonSlug: "a", status: "SIGNED_OFF", submittedAt: at("2026-11-03"), reviewedAt: at("2026-11-04") },
      { lessonSlug: "gone", status: "WAITING", submittedAt: at("2026-11-03"), reviewedAt: null },
    ] as const;
    expect(practiceStanding(rows, title)).toEqual([]);
  });
});
