/**
 * Runs async tasks one at a time per key, in call order. The toolbar badge of a tab is written by
 * several events (navigation, tab switch, the page's own signals); without an order, a lookup that
 * started first but finished last overwrites a better answer (a URL-only "no match" landing after
 * the canonical-link match of the same page).
 */
export function createKeyedQueue<K>() {
  const tails = new Map<K, Promise<unknown>>();
  return function run<T>(key: K, task: () => Promise<T> | T): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    // A failed task must not block the ones after it; its caller still sees the failure.
    const result = previous.catch(() => {}).then(task);
    const tail = result.catch(() => {});
    tails.set(key, tail);
    // Forget idle keys so closed tabs leave nothing behind.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
