/**
 * Long work in slices, so one task never holds the service worker's thread for long: a navigation's badge or a panel
 * message arriving meanwhile runs between two slices. Pure (timers only): the search index (lib/rank), compaction
 * (lib/store) and the corpus (lib/app) use it.
 *
 * The work itself is a generator that yields at checkpoints (every few thousand items); a driver runs it either to the
 * end at once (`runToEnd`: tests, small inputs, code that must stay synchronous) or paused whenever its slicer says the
 * slice is spent (`runSliced`). Both drivers run the same steps, so the result is the same whichever ran it.
 */

/** Work that yields (nothing) at checkpoints and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Decides at each checkpoint whether to pause, and how. */
export interface Slicer {
  /** True when this slice has had its share: the driver awaits `pause()` then. */
  due(): boolean;
  /** Lets other events run; the next slice starts when it resolves. */
  pause(): Promise<void>;
  /** Pauses so far (tests count them). */
  readonly pauses: number;
}

/** Runs `steps` to the end in this task. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs `steps`, pausing at a checkpoint whenever `slicer` says so. */
export async function runSliced<T>(steps: Steps<T>, slicer: Slicer): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (slicer.due()) await slicer.pause();
  }
}

/**
 * Resolves in a new task (a macrotask: a timer or message, never a microtask), so events queued meanwhile run first.
 * MessageChannel where there is one: setTimeout(0) may be clamped to 4 ms after a few nested calls.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** Milliseconds of work per slice: short enough that a badge waiting behind a slice is not held up noticeably. */
export const SLICE_MS = 12;

/**
 * A slicer by elapsed time: a slice ends once it has run `budgetMs`. `pause` defaults to the next task; compaction
 * passes an IndexedDB request instead (its transaction must stay active).
 */
export function timeSlicer(options: { budgetMs?: number; pause?: () => Promise<unknown>; now?: () => number } = {}): Slicer {
  const budget = options.budgetMs ?? SLICE_MS;
  const now = options.now ?? (() => (typeof performance !== 'undefined' ? performance.now() : Date.now()));
  const pauseWith = options.pause ?? nextTask;
  let started = now();
  let pauses = 0;
  return {
    due: () => now() - started >= budget,
    async pause() {
      pauses++;
      await pauseWith();
      started = now();
    },
    get pauses() {
      return pauses;
    },
  };
}

/** A slicer that pauses every `every` checkpoints whatever the time (tests: counts, not time). */
export function countSlicer(every = 1, pause: () => Promise<unknown> = nextTask): Slicer {
  let seen = 0;
  let pauses = 0;
  return {
    due: () => ++seen % every === 0,
    async pause() {
      pauses++;
      await pause();
    },
    get pauses() {
      return pauses;
    },
  };
}
