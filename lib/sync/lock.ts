/**
 * The sync lock: one run at a time across worker instances, kept in the store's meta values.
 * Acquire, refresh and release each read and write the lock in one transaction, and every write of
 * a run carries `guard`, so a run that lost the lock cannot write. Used by run-sync.
 */
import type { Store, WriteGuard } from '../store/store';

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

/** Thrown when another run took the lock over (this one was thought dead, or its lock expired). */
class LockLostError extends Error {
  override name = 'LockLostError';
}

export function isLockLostError(error: unknown): error is LockLostError {
  return error instanceof Error && error.name === 'LockLostError';
}

/** The lock as one run holds it. */
export class RunLock {
  private lastRefresh = -Infinity;
  /** Checked by the store inside each write's transaction: the lock is still this run's. */
  readonly guard: WriteGuard;

  /**
   * @param owner this worker instance
   * @param isStaleOwner treat a lock held by that owner as dead (a previous worker instance)
   */
  constructor(
    private readonly store: Store,
    private readonly owner: string,
    private readonly isStaleOwner: (owner: string) => boolean = () => false,
  ) {
    this.guard = { key: LOCK_KEY, holds: (value) => (value as SyncLock | null | undefined)?.owner === owner };
  }

  /** Takes the lock if it is free, expired, ours or held by a dead owner. */
  async acquire(now: number): Promise<boolean> {
    const taken = await this.store.updateMeta<SyncLock | null>(LOCK_KEY, (lock) => {
      const free = !lock || lock.expiresAt <= now || lock.owner === this.owner || this.isStaleOwner(lock.owner);
      return free ? { owner: this.owner, expiresAt: now + LOCK_TTL_MS } : undefined;
    });
    return taken !== undefined;
  }

  /**
   * Extends the lock (at most every LOCK_REFRESH_MS: a refresh per shard would cost a transaction each).
   * @throws LockLostError when another owner holds it now; it is left to them
   */
  async refresh(now: number): Promise<void> {
    if (now - this.lastRefresh < LOCK_REFRESH_MS) return;
    this.lastRefresh = now;
    const kept = await this.store.updateMeta<SyncLock | null>(LOCK_KEY, (lock) =>
      lock?.owner === this.owner ? { owner: this.owner, expiresAt: now + LOCK_TTL_MS } : undefined,
    );
    if (!kept) throw new LockLostError('another sync run took the lock over');
  }

  /** Frees the lock if it is still this run's. */
  async release(): Promise<void> {
    await this.store.updateMeta<SyncLock | null>(LOCK_KEY, (lock) => (lock?.owner === this.owner ? null : undefined));
  }
}
