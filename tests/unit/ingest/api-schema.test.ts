/** Tests for lib/ingest/api-schema.ts: the page envelope is strict, items are loose and checked one by one. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ApiItem, ApiPage, parseApiPage } from '../../../lib/ingest/api-schema';
import { normalizeApiItem } from '../../../lib/ingest/normalize';
import { describeWithSharedData, readSharedJson, sharedFiles } from '../../support/shared-data';

const FIXTURE_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'api', 'news', 'ai-in-healthcare');
const fixture = (path: string): unknown => JSON.parse(readFileSync(join(FIXTURE_DIR, path), 'utf8'));

describe('parseApiPage', () => {
  it('returns page, nextPage and raw items of our fixture, bad items included', () => {
    const result = parseApiPage(fixture('index.json'));
    expect(result).toMatchObject({ ok: true, page: 1, nextPage: 2 });
    if (!result.ok) return;
    expect(result.items).toHaveLength(6);
  });

  it('maps a null nextPage (last page) to null, and an absent one too', () => {
    expect(parseApiPage(fixture('page/2/index.json'))).toMatchObject({ ok: true, page: 2, nextPage: null });
    expect(parseApiPage({ page: 3, value: [] })).toMatchObject({ ok: true, nextPage: null });
  });

  it.each([
    ['a string', 'not json', 'page is not a JSON object'],
    ['null', null, 'page is not a JSON object'],
    ['an array', [], 'page is not a JSON object'],
    ['value not an array', { page: 1, value: { 0: {} }, nextPage: 2 }, 'value is not an array'],
    ['no value', { page: 1, nextPage: 2 }, 'page has no value array'],
    ['nextPage a string', { page: 1, value: [], nextPage: '2' }, 'page field nextPage is invalid'],
    ['page missing', { value: [], nextPage: 2 }, 'page field page is invalid'],
    ['negative nextPage', { page: 1, value: [], nextPage: -1 }, 'page field nextPage is invalid'],
  ])('rejects an envelope with %s', (_name, json, reason) => {
    expect(parseApiPage(json)).toMatchObject({ ok: false, reason });
  });

  it('never fails a page because of a bad item', () => {
    const result = parseApiPage({ page: 1, value: [42, null, 'x', { title: 1 }], nextPage: null });
    expect(result).toMatchObject({ ok: true, items: [42, null, 'x', { title: 1 }] });
  });
});

describe('ApiItem', () => {
  it('accepts unknown extra fields and keeps them', () => {
    const [, withExtra] = (fixture('index.json') as { value: unknown[] }).value;
    const parsed = ApiItem.safeParse(withExtra);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toHaveProperty('futureField', { anything: ['goes'] });
  });

  it('accepts the nullable fields as null', () => {
    const item = { title: 't', webUrl: 'https://a.example/x', publishedDateTime: '2021-06-10T10:00:00-07:00', heat: null, ampWebUrl: null, cdnAmpWebUrl: null, images: null, excerpt: null, provider: null, topics: null };
    expect(ApiItem.safeParse(item).success).toBe(true);
  });

  it('types: schema and type share a name, value stays unknown[]', () => {
    expectTypeOf<ApiItem['title']>().toEqualTypeOf<string>();
    expectTypeOf<ApiItem['heat']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<ApiPage['value']>().toEqualTypeOf<unknown[]>();
  });
});

describeWithSharedData('real JSON API pages (../shared/data/everyday-cc/api)', () => {
  const files = sharedFiles('api', '.json');

  it('finds all 17 pages listed in SUMMARY.md §1', () => {
    expect(files).toHaveLength(17);
  });

  it.each(files)('%s: envelope parses; every item is accepted or rejected with a reason', (file) => {
    const page = parseApiPage(readSharedJson(file));
    expect(page.ok, file).toBe(true);
    if (!page.ok) return;
    expect(page.items.length).toBeGreaterThan(0);
    for (const [index, raw] of page.items.entries()) {
      const result = normalizeApiItem(raw, `https://feed.example/${file}`, 0);
      // SUMMARY.md §2/§5: no empty titles, all webUrls https, so nothing in the real feed should be refused.
      expect(result.ok, `${file} item ${index}: ${result.ok ? '' : result.reason}`).toBe(true);
      if (result.ok) expect(result.article.quality).toBeUndefined();
    }
  });
});
