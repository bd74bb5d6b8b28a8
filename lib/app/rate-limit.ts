/**
 * A minimum interval between runs of one action (the sidebar's Retry starts a sync at most this
 * often, whatever a page does to the frame). Pure: the clock is injected; imported by the background.
 */

/**
 * Returns a function that answers `true` (and records the run) when at least `intervalMs` passed
 * since the last allowed run, `false` otherwise. A clock set back counts as "passed", so a changed
 * system time cannot lock the action out.
 */
export function createRateLimit(intervalMs: number, now: () => number = Date.now): () => boolean {
  let last: number | undefined;
  return () => {
    const at = now();
    if (last !== undefined && at >= last && at - last < intervalMs) return false;
    last = at;
    return true;
  };
}
