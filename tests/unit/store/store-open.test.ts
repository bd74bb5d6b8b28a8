/**
 * Opening the database never hangs: an open Store lets a newer version in, a blocked open gives up
 * with a reason and the cached opener tries again, and upgrades read article stores with a cursor.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteDB, openDB } from 'idb';
import { openStore, storeOpener, DB_VERSION } from '../../../lib/store/store';
import { fakeArticle } from '../../fixtures/fake-article';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Resolves with the promise's outcome, or 'hung' if it takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'hung'> {
  return Promise.race([promise, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms))]);
}

describe('opening the database', () => {
  it('an open Store closes for a newer version instead of blocking it', async () => {
    const name = `open-${process.pid}-1`;
    const store = await openStore(name);
    const newer = await within(openDB(name, DB_VERSION + 1), 2000);
    expect(newer).not.toBe('hung');
    if (newer !== 'hung') newer.close();
  });

  it('a database deleted under an open Store: the cached opener opens a fresh one instead of the closed one', async () => {
    const name = `open-${process.pid}-4`;
    const opener = storeOpener(name);
    const store = await opener();
    await store.putMeta('kept', 1);
    expect(await opener()).toBe(store);
    expect(await within(deleteDB(name), 2000)).not.toBe('hung');
    const reopened = await within(opener(), 2000);
    expect(reopened).not.toBe('hung');
    expect(reopened).not.toBe(store);
    if (reopened !== 'hung') {
      expect(await reopened.getMeta('kept')).toBeUndefined();
      reopened.close();
    }
  });

  it('an open blocked by a connection that never closes gives up with a reason; the opener retries later', async () => {
    const name = `open-${process.pid}-2`;
    // An older-version connection without a versionchange handler: it blocks the upgrade forever.
    const old = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('meta') });
    const opener = storeOpener(name, { blockedTimeoutMs: 50 });
    const first = await within(opener().then(() => 'opened', (error: Error) => error.message), 2000);
    expect(first).toMatch(/held open by an older version/);
    old.close();
    const store = await within(opener(), 2000);
    expect(store).not.toBe('hung');
    if (store !== 'hung') {
      expect(store.db.version).toBe(DB_VERSION);
      store.close();
    }
  });

  it('upgrades read every store with a cursor or in batches, never all at once (600 chunks)', async () => {
    const name = `open-${process.pid}-3`;
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('articles', { keyPath: 'id' });
        db.createObjectStore('feeds', { keyPath: 'url' });
        db.createObjectStore('meta');
      },
    });
    // One source each: every article becomes its own chunk, more than one compaction batch holds.
    const articles = Array.from({ length: 600 }, (_, i) => fakeArticle({ sources: [`https://feeds.example.org/api/${i}/`], urls: { web: `https://news.example.org/cursor-${i}` } }));
    const tx = v1.transaction('articles', 'readwrite');
    await Promise.all([...articles.map((article) => tx.store.put(article)), tx.done]);
    v1.close();
    const readWhole: string[] = [];
    const getAll = IDBObjectStore.prototype.getAll;
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
      if (args[1] === undefined) readWhole.push(this.name);
      return getAll.apply(this, args);
    });
    const store = await openStore(name);
    vi.restoreAllMocks();
    expect(readWhole).toEqual([]);
    expect(await store.countArticles()).toBe(600);
    expect(await store.getArticle(articles[599]!.id)).toEqual(articles[599]);
    store.close();
  });
});
