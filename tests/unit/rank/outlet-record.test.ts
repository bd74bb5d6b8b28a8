/** lib/rank/outlet-record.ts: who gets a record, the median and band spread, and how outlets are keyed. */
import { describe, expect, it } from 'vitest';
import { MIN_OUTLET_SCORED, outletKey, outletRecords } from '../../../lib/rank/outlet-record';

describe('outletKey', () => {
  it('keys feed domains and page URLs by registrable domain', () => {
    expect(outletKey('www.statnews.com')).toBe('statnews.com');
    expect(outletKey('STATNEWS.com')).toBe('statnews.com');
    expect(outletKey('https://news.example.co.uk/2026/10/story')).toBe('example.co.uk');
    expect(outletKey('')).toBeUndefined();
  });
});

describe('outletRecords', () => {
  it('gives a record only from three scored articles on, counting unscored ones out', () => {
    const two = outletRecords([
      { providerDomain: 'a.example', quality: 50 },
      { providerDomain: 'a.example', quality: 60 },
      { providerDomain: 'a.example', quality: undefined },
    ]);
    expect(MIN_OUTLET_SCORED).toBe(3);
    expect(two.get('a.example')).toBeUndefined();
  });

  it('reports the count, the rounded median and the band spread, merging the outlet\'s hosts', () => {
    const records = outletRecords([
      { providerDomain: 'www.b.example', quality: 20 },
      { providerDomain: 'b.example', quality: 60 },
      { providerDomain: 'news.b.example', quality: 75 },
      { providerDomain: 'b.example', quality: 95 },
      { providerDomain: 'c.example', quality: 99 },
    ]);
    expect(records.get('b.example')).toEqual({ domain: 'b.example', scored: 4, median: 68, bands: { low: 1, fair: 1, good: 1, high: 1 } });
    expect(records.has('c.example')).toBe(false);
  });
});
