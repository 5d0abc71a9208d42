/**
 * Long work in the server process shares one event loop with every request (docs/decisions/010): it runs in
 * slices and lets waiting requests in between. Awaiting a Prisma query is not enough — better-sqlite3 answers
 * synchronously, so its promises settle without ever giving the event loop a turn.
 */

/** Let every request that is waiting run, then carry on. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A slice of work may run this long before others get a turn. */
const SLICE_MS = 20;

/**
 * For loops over many rows: `if (pace.due()) await pace.pause();` in the loop body. Checks the clock every
 * 64 calls, so the loop costs next to nothing more when there is nobody to let in.
 */
export function pacer(sliceMs = SLICE_MS) {
  let sliceStart = performance.now();
  let calls = 0;
  return {
    due: () => (++calls & 63) === 0 && performance.now() - sliceStart >= sliceMs,
    async pause() {
      await yieldToOthers();
      sliceStart = performance.now();
    },
  };
}
