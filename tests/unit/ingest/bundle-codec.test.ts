/** Tests for lib/ingest/bundle-codec.ts's shard envelope check: a good shard passes, each refusal is worded. */
import { describe, expect, it } from 'vitest';
import { parseBundleShard } from '../../../lib/ingest/bundle-codec';
import { SHARD_FORMAT, SUPPORTED_BUNDLE_VERSION } from '../../../lib/ingest/bundle-schema';

describe('parseBundleShard envelope', () => {
  it('accepts a good shard and words each refusal', () => {
    const head = { format: SHARD_FORMAT, version: SUPPORTED_BUNDLE_VERSION };
    expect(parseBundleShard({ ...head, month: '2021-07', articles: [1] }, '2021-07')).toEqual({ ok: true, month: '2021-07', articles: [1] });
    expect(parseBundleShard({ ...head, month: '2021-13', articles: [] })).toMatchObject({ ok: false, reason: 'shard month: not a YYYY-MM month' });
    expect(parseBundleShard({ ...head, month: 202107, articles: [] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^shard month: /) });
    expect(parseBundleShard({ ...head, articles: [] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^shard month: /) });
    expect(parseBundleShard({ ...head, month: '2021-07', articles: {} })).toMatchObject({ ok: false, reason: expect.stringMatching(/^shard articles: /) });
    expect(parseBundleShard({ ...head, month: '2021-07', articles: [] }, '2021-08')).toMatchObject({ ok: false, reason: 'shard month 2021-07 ≠ manifest month 2021-08' });
  });
});
