import { describe, expect, it } from "vitest";
import { parseForm } from "../forms/parse";
import { ConfidenceFormSchema, FeedbackAnswerSchema, LessonFeedbackFormSchema, openConfidenceMoment, planNamedFeedback } from "./rules";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("the lesson feedback form", () => {
  it("takes a rating, an optional comment and the anonymous box", () => {
    expect(parseForm(form({ rating: "4", comment: "  More examples, please.  ", anonymous: "on" }), LessonFeedbackFormSchema)).toEqual({
      ok: true,
      data: { rating: 4, comment: "More examples, please.", anonymous: true },
    });
    expect(parseForm(form({ rating: "2", comment: "" }), LessonFeedbackFormSchema)).toEqual({
      ok: true,
      data: { rating: 2, comment: undefined, anonymous: false },
    });
  });

  it("needs a rating from 1 to 5", () => {
    for (const rating of ["", "0", "6", "3.5", "many"]) {
      expect(parseForm(form({ rating }), LessonFeedbackFormSchema)).toEqual({
        ok: false,
        errors: { rating: "Choose how useful the lesson was, from 1 to 5." },
      });
    }
  });

  it("allows 1,000 characters of comment and not one more", () => {
    expect(parseForm(form({ rating: "3", comment: "x".repeat(1000) }), LessonFeedbackFormSchema).ok).toBe(true);
    expect(parseForm(form({ rating: "3", comment: "x".repeat(1001) }), LessonFeedbackFormSchema)).toEqual({
      ok: false,
      errors: { comment: "Keep it to 1,000 characters or fewer." },
    });
  });
});

describe("answering a comment", () => {
  it("needs a reply to mark it changed or declined, not to plan it", () => {
    expect(parseForm(form({ feedbackId: "f1", status: "PLANNED", reply: "" }), FeedbackAnswerSchema).ok).toBe(true);
    expect(parseForm(form({ feedbackId: "f1", status: "CHANGED", reply: " " }), FeedbackAnswerSchema)).toEqual({
      ok: false,
      errors: { reply: "Say what you changed." },
    });
    expect(parseForm(form({ feedbackId: "f1", status: "DECLINED" }), FeedbackAnswerSchema)).toEqual({
      ok: false,
      errors: { reply: "Say why you decided not to change it." },
    });
    expect(parseForm(form({ feedbackId: "f1", status: "DONE", reply: "x" }), FeedbackAnswerSchema)).toEqual({
      ok: false,
      errors: { status: "Choose a status." },
    });
    expect(parseForm(form({ feedbackId: "f1", status: "CHANGED", reply: "y".repeat(1001) }), FeedbackAnswerSchema)).toEqual({
      ok: false,
      errors: { reply: "Keep the reply to 1,000 characters or fewer." },
    });
  });
});

describe("a named submission on a lesson the person already gave feedback on", () => {
  const earlier = (status: "NEW" | "PLANNED" | "CHANGED" | "DECLINED", comment: string | null = "Too long") => ({ id: "f1", status, comment });

  it("creates the first one", () => {
    expect(planNamedFeedback(null, "Nice")).toEqual({ kind: "create" });
  });

  it("updates one nobody has answered yet, comment included (a blank comment removes it)", () => {
    expect(planNamedFeedback(earlier("NEW"), "Shorter, please")).toEqual({ kind: "update", id: "f1", comment: "Shorter, please" });
    expect(planNamedFeedback(earlier("NEW"), undefined)).toEqual({ kind: "update", id: "f1", comment: null });
  });

  it("keeps an answered comment as it was answered, updating only the rating", () => {
    expect(planNamedFeedback(earlier("PLANNED"), undefined)).toEqual({ kind: "update", id: "f1", comment: undefined });
    expect(planNamedFeedback(earlier("CHANGED"), "Too long")).toEqual({ kind: "update", id: "f1", comment: undefined });
  });

  it("starts a follow-up when there is something new to say about an answered comment", () => {
    expect(planNamedFeedback(earlier("DECLINED"), "Still too long")).toEqual({ kind: "follow-up", previousId: "f1" });
  });
});

describe("the confidence question", () => {
  it("is asked before the course starts and again once it is complete, once each", () => {
    expect(openConfidenceMoment("not_started", [])).toBe("BEFORE");
    expect(openConfidenceMoment("not_started", ["BEFORE"])).toBeNull();
    expect(openConfidenceMoment("in_progress", [])).toBeNull();
    expect(openConfidenceMoment("completed", ["BEFORE"])).toBe("AFTER");
    expect(openConfidenceMoment("completed", [])).toBe("AFTER");
    expect(openConfidenceMoment("completed", ["BEFORE", "AFTER"])).toBeNull();
  });

  it("takes a moment and a value from 1 to 5", () => {
    expect(parseForm(form({ moment: "AFTER", value: "5" }), ConfidenceFormSchema)).toEqual({ ok: true, data: { moment: "AFTER", value: 5 } });
    expect(parseForm(form({ moment: "DURING", value: "9" }), ConfidenceFormSchema)).toEqual({
      ok: false,
      errors: { moment: "This question is not open.", value: "Choose how confident you are, from 1 to 5." },
    });
  });
});
