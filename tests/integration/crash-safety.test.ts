import { afterEach, describe, expect, it } from "vitest";
import { freshDatabaseFile, inspectDatabase, startWriter } from "./helpers/processes";

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

describe("a server process killed mid-write", () => {
  it("keeps every row it reported committed, whole, and leaves a sound database", async () => {
    const db = freshDatabaseFile("crash");
    cleanup.push(db.remove);
    const writer = startWriter(db.url);
    cleanup.push(() => writer.child.kill("SIGKILL"));
    const personId = await writer.personId;
    await writer.rowsReported(40);

    writer.child.kill("SIGKILL"); // no chance to finish a transaction, flush or close
    const { signal } = await writer.exited;
    expect(signal).toBe("SIGKILL");
    const reported = [...writer.rows];

    // A fresh connection, as after a restart: SQLite replays the write-ahead log.
    const after = inspectDatabase(db.file, personId);
    expect(after.integrity).toBe("ok");
    expect(reported.length).toBeGreaterThanOrEqual(40);
    for (const slug of reported) {
      expect(after.attempts.has(slug), `attempt ${slug}`).toBe(true);
      expect(after.progress.has(slug), `progress ${slug}`).toBe(true);
    }
    // Nothing half-written: an attempt and its lesson progress are one transaction.
    expect([...after.attempts].sort()).toEqual([...after.progress].sort());
    // At most the one transaction in flight when the process died committed without being reported.
    expect(after.attempts.size - reported.length).toBeLessThanOrEqual(1);
  });
});
