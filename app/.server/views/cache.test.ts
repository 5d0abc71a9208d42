import { beforeEach, describe, expect, it } from "vitest";
import { cachedView, clearViews } from "./cache";

const viewer = (viewKey: string, id = "p1") => ({ id, viewKey });

describe("cachedView", () => {
  beforeEach(() => clearViews());

  it("computes once per key and again when the key changes", async () => {
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cachedView(viewer("k1"), "learning", compute)).toBe(1);
    expect(await cachedView(viewer("k1"), "learning", compute)).toBe(1);
    expect(await cachedView(viewer("k2"), "learning", compute)).toBe(2);
    // The old key's views are gone with it.
    expect(await cachedView(viewer("k1"), "learning", compute)).toBe(3);
  });

  it("keeps views apart by name and by person", async () => {
    expect(await cachedView(viewer("k"), "a", async () => "a")).toBe("a");
    expect(await cachedView(viewer("k"), "b", async () => "b")).toBe("b");
    expect(await cachedView(viewer("k", "p2"), "a", async () => "other")).toBe("other");
  });

  it("shares one computation between concurrent requests", async () => {
    let runs = 0;
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 5));
    const [a, b] = await Promise.all([cachedView(viewer("k"), "v", compute), cachedView(viewer("k"), "v", compute)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
  });

  it("does not keep a failure", async () => {
    await expect(cachedView(viewer("k"), "v", () => Promise.reject(new Error("database busy")))).rejects.toThrow("database busy");
    expect(await cachedView(viewer("k"), "v", async () => "fine")).toBe("fine");
  });
});
