/** Tests for lib/ingest/utc-date.ts's fast path: canonical ISO strings get the answer the full parse gives. */
import { describe, expect, it } from 'vitest';
import { toUtcIso } from '../../../lib/ingest/utc-date';

describe('toUtcIso fast path for canonical ISO strings', () => {
  it('returns what the full parse returns', () => {
    const values = ['2021-07-01T10:00:00.000Z', '2021-02-29T00:00:00.000Z', '2020-02-29T23:59:59.999Z', '2021-02-31T00:00:00.000Z', '2021-13-01T00:00:00.000Z',
      '2021-12-31T24:00:00.000Z', '2021-12-31T23:59:60.000Z', '2021-12-31T23:60:00.000Z', '1899-12-31T23:59:59.999Z', '1900-01-01T00:00:00.000Z',
      '2199-12-31T23:59:59.999Z', '2200-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2021-00-10T00:00:00.000Z', '2021-01-00T00:00:00.000Z'];
    for (const value of values) {
      const viaSlow = toUtcIso(` ${value}`); // leading space: not the canonical form, takes the full parse
      expect(toUtcIso(value), value).toBe(viaSlow);
      expect(toUtcIso(value), `${value} (memo)`).toBe(viaSlow);
    }
  });
});
