import { describe, expect, it } from "vitest";
import { judgeAnswer, retryAfterMs } from "./http";

const now = new Date("2026-11-24T09:00:00Z");
const answer = (status: number, retryAfter: string | null = null) => ({ status, retryAfter, body: "" });

describe("judging an HTTP answer", () => {
  it.each([200, 201, 202, 204])("%i is delivered", (status) => expect(judgeAnswer(answer(status), now)).toEqual({ kind: "sent" }));
  it.each([400, 401, 403, 404, 410, 413, 422])("%i will not get better: failed", (status) => expect(judgeAnswer(answer(status), now).kind).toBe("failed"));
  it.each([408, 429, 500, 502, 503, 504])("%i may pass later: retry", (status) => expect(judgeAnswer(answer(status), now).kind).toBe("retry"));
  it("counts a status the channel accepts as delivered (the LRS's 409)", () => expect(judgeAnswer(answer(409), now, [409])).toEqual({ kind: "sent" }));
  it("honours Retry-After only on 429 and 503", () => {
    expect(judgeAnswer(answer(429, "30"), now)).toMatchObject({ kind: "retry", retryAfterMs: 30_000 });
    expect(judgeAnswer(answer(503, "30"), now)).toMatchObject({ kind: "retry", retryAfterMs: 30_000 });
    expect(judgeAnswer(answer(500, "30"), now)).toMatchObject({ kind: "retry", retryAfterMs: null });
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates, within reason", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Tue, 24 Nov 2026 09:05:00 GMT", now)).toBe(5 * 60_000);
    expect(retryAfterMs("999999", now)).toBe(2 * 60 * 60_000);
    expect(retryAfterMs("Tue, 24 Nov 2026 08:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
