/**
 * A nudge for the worker in this process after a message was queued, so an invitation or reset goes out in
 * seconds rather than at the next minute. The worker registers itself; without one (tests, scripts) it is a no-op.
 */
let listener: (() => void) | null = null;
let timer: NodeJS.Timeout | null = null;

export function onOutboxPoke(fn: (() => void) | null) {
  listener = fn;
}

/** Debounced, and late enough that the transaction which queued the message has committed. */
export function pokeOutbox(delayMs = 300) {
  if (!listener || timer) return;
  timer = setTimeout(() => {
    timer = null;
    listener?.();
  }, delayMs);
  timer.unref?.();
}
