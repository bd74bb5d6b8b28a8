/**
 * RunLock against a real (fake-indexeddb) store: refresh and release never touch a lock another
 * owner holds now, and the write guard refuses a write once the lock moved on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../lib/store/store';
import { RunLock, LOCK_TTL_MS } from '../../../lib/sync/lock';
import { newFeedState } from '../../../lib/model/feed-state';

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

describe('RunLock', () => {
  it('refresh and release leave a lock taken over by another owner to that owner', async () => {
    const store = await openStore(`lock-${process.pid}-1`);
    stores.push(store);
    const lock = new RunLock(store, 'me');
    expect(await lock.acquire(1000)).toBe(true);
    const thief = { owner: 'other', expiresAt: 1000 + 10 * LOCK_TTL_MS };
    await store.putMeta('syncLock', thief);
    await expect(lock.refresh(1000 + 60_000)).rejects.toThrow(/took the lock over/);
    await lock.release();
    expect(await store.getMeta('syncLock')).toEqual(thief);
    // The guard refuses a write of the run that lost the lock, in the write's own transaction.
    await expect(store.putFeedState(newFeedState('https://feeds.example.org/api/', 'api'), lock.guard)).rejects.toThrow(/write refused/);
    expect(await store.allFeedStates()).toEqual([]);
  });

  it('a held lock is refreshed and released by its owner', async () => {
    const store = await openStore(`lock-${process.pid}-2`);
    stores.push(store);
    const lock = new RunLock(store, 'me');
    expect(await lock.acquire(1000)).toBe(true);
    await lock.refresh(50_000);
    expect(await store.getMeta('syncLock')).toEqual({ owner: 'me', expiresAt: 50_000 + LOCK_TTL_MS });
    await lock.release();
    expect(await store.getMeta('syncLock')).toBeNull();
  });
});
