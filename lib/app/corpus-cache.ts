/**
 * Holds the one in-memory corpus the background ranks with: built from the store on first use,
 * shared by concurrent requests, dropped after the stored articles change. Pure apart from the
 * injected store; imported by lib/app/lens-service.ts only.
 */
import type { Store } from '../store/store';
import { createCorpus, type Corpus } from './corpus';

export interface CorpusCache {
  /** The corpus, building it first when needed; a failed build is retried on the next call. */
  get(): Promise<Corpus>;
  /** The corpus if it is built; otherwise starts building it and returns undefined (answer at once). */
  ifReady(): Corpus | undefined;
  /** Forgets the corpus (the stored articles changed). */
  drop(): void;
  /**
   * Forgets the corpus and builds the next one `delayMs` later, so the first panel after an import
   * finds it ready instead of sharing the worker with its build (and the persisted snapshot is fresh
   * for the next worker). Nothing is built while `busy()`: the data is still changing, and whoever
   * changes it calls this again when done.
   */
  rebuildSoon(delayMs: number, busy?: () => boolean): void;
}

export function createCorpusCache(store: () => Promise<Store>): CorpusCache {
  let corpus: Promise<Corpus> | undefined;
  /** The built corpus, once `corpus` has resolved: lets a panel answer at once instead of waiting. */
  let ready: Corpus | undefined;

  let timer: ReturnType<typeof setTimeout> | undefined;

  const drop = () => {
    corpus = undefined;
    ready = undefined;
  };

  const get = () => {
    if (!corpus) {
      const building = store().then((s) => createCorpus(s));
      corpus = building;
      building.then(
        (built) => {
          if (corpus === building) ready = built;
        },
        () => {
          if (corpus === building) corpus = undefined; // retry on the next request
        },
      );
    }
    return corpus;
  };

  return {
    get,
    ifReady() {
      if (ready) return ready;
      void get().catch(() => {});
      return undefined;
    },
    drop,
    rebuildSoon(delayMs, busy) {
      drop();
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!corpus && !busy?.()) void get().catch(() => {});
      }, delayMs);
    },
  };
}
