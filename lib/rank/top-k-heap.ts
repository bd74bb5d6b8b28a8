/**
 * A binary min-heap of slot numbers ordered by a caller's comparison: keeps the best `k` of a stream in O(n log k).
 * Pure; imported by lib/rank/search-index.ts to select the top hits of a query.
 */

/**
 * Adds a value and restores the heap order.
 * @param less true when `a` belongs nearer the top (the weakest kept value sits at index 0)
 */
export function heapPush(heap: number[], value: number, less: (a: number, b: number) => boolean): void {
  heap.push(value);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(heap[i] ?? 0, heap[parent] ?? 0)) break;
    [heap[i], heap[parent]] = [heap[parent] ?? 0, heap[i] ?? 0];
    i = parent;
  }
}

/** Replaces the top (the weakest kept value) with `value` and restores the heap order. */
export function heapReplaceTop(heap: number[], value: number, less: (a: number, b: number) => boolean): void {
  heap[0] = value;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && less(heap[left] ?? 0, heap[smallest] ?? 0)) smallest = left;
    if (right < heap.length && less(heap[right] ?? 0, heap[smallest] ?? 0)) smallest = right;
    if (smallest === i) return;
    [heap[i], heap[smallest]] = [heap[smallest] ?? 0, heap[i] ?? 0];
    i = smallest;
  }
}
