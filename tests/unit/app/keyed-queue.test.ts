import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from '@/lib/app/keyed-queue';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createKeyedQueue', () => {
  it('runs tasks of one key in call order even when the first is the slowest', async () => {
    const run = createKeyedQueue<number>();
    const writes: string[] = [];
    const slow = run(1, async () => {
      await tick(30);
      writes.push('url lookup: no match');
    });
    const fast = run(1, async () => {
      writes.push('canonical match: 59');
    });
    await Promise.all([slow, fast]);
    expect(writes).toEqual(['url lookup: no match', 'canonical match: 59']);
  });

  it('lets different keys run at the same time', async () => {
    const run = createKeyedQueue<number>();
    const order: number[] = [];
    await Promise.all([
      run(1, async () => {
        await tick(30);
        order.push(1);
      }),
      run(2, async () => {
        order.push(2);
      }),
    ]);
    expect(order).toEqual([2, 1]);
  });

  it('passes results and failures to each caller, and a failure does not block the next task', async () => {
    const run = createKeyedQueue<string>();
    const failed = run('a', () => Promise.reject(new Error('tab closed')));
    const next = run('a', () => 42);
    await expect(failed).rejects.toThrow('tab closed');
    await expect(next).resolves.toBe(42);
  });
});
