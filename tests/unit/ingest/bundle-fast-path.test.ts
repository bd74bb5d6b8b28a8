import { describe, expect, it } from 'vitest';
import {
  BundleArticleInput,
  ImageInput,
  RelatedRefInput,
  isBundleArticleInput,
  isImageInput,
  isRelatedRefInput,
} from '../../../lib/ingest/bundle';

// The hand-written checks must take exactly zod's accept/reject decision on every shape, however hostile.
const leaves: unknown[] = [undefined, null, 0, 1.5, NaN, '', 'x', 'https://a.test/x', true, [], ['x'], {}, { name: 'n' }, { name: 1 }];
function variants(base: Record<string, unknown>, keys: string[]): unknown[] {
  const out: unknown[] = [base, null, [], 'str', 3, undefined, [base]];
  for (const key of keys) {
    for (const leaf of leaves) out.push({ ...base, [key]: leaf });
    const { [key]: _dropped, ...rest } = base;
    out.push(rest);
  }
  return out;
}

describe('bundle fast-path checks agree with zod', () => {
  it('article input', () => {
    const base = { id: 'i', title: 't', excerpt: 'e', publishedAt: '2021-01-01', urls: { web: 'https://a.test/x' }, provider: { name: 'p', domain: 'd' }, topics: [], images: [], related: [] };
    const cases = variants(base, ['id', 'title', 'excerpt', 'publishedAt', 'urls', 'provider', 'topics', 'quality', 'heat', 'images', 'related', 'extra']);
    for (const leaf of leaves) {
      cases.push({ ...base, urls: { web: leaf } }, { ...base, urls: { web: 'https://a.test/', amp: leaf } });
      cases.push({ ...base, provider: { name: leaf } }, { ...base, provider: { domain: leaf } });
    }
    for (const value of cases) expect(isBundleArticleInput(value), JSON.stringify(value)).toBe(BundleArticleInput.safeParse(value).success);
  });

  it('related ref input', () => {
    const base = { title: 't', url: 'https://a.test/x', excerpt: 'e', quality: 3, provider: { name: 'p' }, publishedAt: '2021-01-01' };
    const cases = variants(base, ['title', 'url', 'excerpt', 'quality', 'provider', 'publishedAt', 'ampUrl', 'cdnAmpUrl', 'image']);
    for (const leaf of leaves) cases.push({ ...base, provider: { name: leaf } }, { ...base, provider: { domain: leaf } });
    for (const value of cases) expect(isRelatedRefInput(value), JSON.stringify(value)).toBe(RelatedRefInput.safeParse(value).success);
  });

  it('image input', () => {
    const cases = variants({ url: 'https://a.test/i.jpg', width: 1, height: 2 }, ['url', 'width', 'height']);
    for (const value of cases) expect(isImageInput(value), JSON.stringify(value)).toBe(ImageInput.safeParse(value).success);
  });
});

describe('isArticle agrees with the Article schema', () => {
  it('on valid and broken articles', async () => {
    const { isArticle } = await import('../../../lib/ingest/normalize');
    const { Article } = await import('../../../lib/model/article');
    const ref = { title: 't', url: 'https://a.test/r', excerpt: 'e', quality: 1, provider: { name: 'n', domain: 'd' }, publishedAt: 'p', ampUrl: 'https://a.test/amp', cdnAmpUrl: 'https://c.test/x', image: 'https://i.test/i.jpg' };
    const image = { url: 'https://i.test/i.jpg', width: 1, height: 2 };
    const base = { id: 'i', title: 't', excerpt: 'e', publishedAt: 'p', urls: { web: 'https://a.test/x', original: 'https://a.test/x', amp: 'https://a.test/x/amp', cdnAmp: 'https://a-test.cdn.ampproject.org/c/s/a.test/x/amp' }, provider: { name: 'n', domain: 'd' }, topics: ['AI'], quality: 3, heat: 4, images: [image], related: [ref], sources: ['s'], updatedAt: 1 };
    const bad: unknown[] = [undefined, null, 0, NaN, Infinity, -Infinity, 1.5, '', 'x', 'javascript:alert(1)', 'https://a.test/x', `https://a.test/${'x'.repeat(4100)}`, 'http://', ' https://a.test/', true, [], ['x'], [1], {}, { name: 'n' }, { name: 'n', domain: 1 }, [image], [{ url: 'ftp://x' }], [ref], [{ ...ref, url: 'data:x' }]];
    const cases: unknown[] = [base, null, [], 'x', [base]];
    for (const key of Object.keys(base)) {
      const { [key]: _dropped, ...rest } = base as Record<string, unknown>;
      cases.push(rest);
      for (const leaf of bad) cases.push({ ...base, [key]: leaf });
    }
    for (const leaf of bad) {
      for (const key of ['web', 'original', 'amp', 'cdnAmp']) cases.push({ ...base, urls: { ...base.urls, [key]: leaf } });
      for (const key of Object.keys(ref)) cases.push({ ...base, related: [{ ...ref, [key]: leaf }] });
      for (const key of Object.keys(image)) cases.push({ ...base, images: [{ ...image, [key]: leaf }] });
    }
    for (const value of cases) expect(isArticle(value), JSON.stringify(value)?.slice(0, 300)).toBe(Article.safeParse(value).success);
  });
});

describe('toUtcIso fast path for canonical ISO strings', () => {
  it('returns what the full parse returns', async () => {
    const { toUtcIso } = await import('../../../lib/ingest/normalize');
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

describe('parseBundleShard envelope', () => {
  it('accepts a good shard and words each refusal', async () => {
    const { parseBundleShard, SHARD_FORMAT, SUPPORTED_BUNDLE_VERSION } = await import('../../../lib/ingest/bundle');
    const head = { format: SHARD_FORMAT, version: SUPPORTED_BUNDLE_VERSION };
    expect(parseBundleShard({ ...head, month: '2021-07', articles: [1] }, '2021-07')).toEqual({ ok: true, month: '2021-07', articles: [1] });
    expect(parseBundleShard({ ...head, month: '2021-13', articles: [] })).toEqual({ ok: false, reason: 'shard month: not a YYYY-MM month' });
    expect(parseBundleShard({ ...head, month: 202107, articles: [] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^shard month: /) });
    expect(parseBundleShard({ ...head, articles: [] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^shard month: /) });
    expect(parseBundleShard({ ...head, month: '2021-07', articles: {} })).toMatchObject({ ok: false, reason: expect.stringMatching(/^shard articles: /) });
    expect(parseBundleShard({ ...head, month: '2021-07', articles: [] }, '2021-08')).toEqual({ ok: false, reason: 'shard month 2021-07 ≠ manifest month 2021-08' });
  });
});
