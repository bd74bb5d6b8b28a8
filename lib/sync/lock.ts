/**
 * The sync lock: one run at a time across worker instances, kept in the store's meta values.
 * Acquire, refresh and release each read and write the lock in one transaction. Used by run-sync.
 */
import type { Store } from '../store/store';

/** How long a sync lock stays valid without a checkpoint refreshing it. */
export const LOCK_TTL_MS = 90_000;
/** Refresh the lock at most this often; far below LOCK_TTL_MS, so a live run never loses it. */
const LOCK_REFRESH_MS = 10_000;
/** Meta key of the lock. */
const LOCK_KEY = 'syncLock';

interface SyncLock {
  owner: string;
  expiresAt: number;
}

/** The lock as one run holds it. */
export class RunLock {
  private lastRefresh = -Infinity;

  /**
   * @param owner this worker instance
   * @param isStaleOwner treat a lock held by that owner as dead (a previous worker instance)
   */
  constructor(
    private readonly store: Store,
    private readonly owner: string,
    private readonly isStaleOwner: (owner: string) => boolean = () => false,
  ) {}

  /** Takes the lock if it is free, expired, ours or held by a dead owner. */
  async acquire(now: number): Promise<boolean> {
    const taken = await this.store.updateMeta<SyncLock | null>(LOCK_KEY, (lock) => {
      const free = !lock || lock.expiresAt <= now || lock.owner === this.owner || this.isStaleOwner(lock.owner);
      return free ? { owner: this.owner, expiresAt: now + LOCK_TTL_MS } : undefined;
    });
    return taken !== undefined;
  }

  /** Extends the lock (at most every LOCK_REFRESH_MS: a refresh per shard would cost a transaction each). */
  async refresh(now: number): Promise<void> {
    if (now - this.lastRefresh < LOCK_REFRESH_MS) return;
    this.lastRefresh = now;
    await this.store.putMeta(LOCK_KEY, { owner: this.owner, expiresAt: now + LOCK_TTL_MS } satisfies SyncLock);
  }

  async release(): Promise<void> {
    const lock = await this.store.getMeta<SyncLock>(LOCK_KEY);
    if (lock?.owner === this.owner) await this.store.putMeta(LOCK_KEY, null);
  }
}
