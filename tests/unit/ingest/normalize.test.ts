/** Tests for lib/ingest/normalize.ts and the rules it applies (article-draft.ts, utc-date.ts; lib/model/hash.ts gives the ids): every rule, on our fixtures and on the real sample. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../tools/front-matter';
import { hash } from '../../../lib/model/hash';
import { MAX_EXCERPT_LENGTH, type NormalizeResult } from '../../../lib/ingest/article-draft';
import { normalizeApiItem, normalizeFrontMatter } from '../../../lib/ingest/normalize';
import { toUtcIso } from '../../../lib/ingest/utc-date';
import { Article } from '../../../lib/model/article';
import { matchKey } from '../../../lib/match/match-key';
import { describeWithSharedData, readShared, readSharedJson, sharedFiles } from '../../support/shared-data';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const NOW = 1_700_000_000_000;
const FEED = 'https://feeds.example.org/api/news/ai-in-healthcare/';

function markdown(path: string, source = 'bundle'): NormalizeResult | { ok: false; reason: string } {
  const parsed = parseFrontMatter(readFileSync(join(FIXTURES, 'markdown', path), 'utf8'));
  if (!parsed.ok) return parsed;
  return normalizeFrontMatter(parsed.data, source, NOW);
}
function apiItems(path = 'index.json'): unknown[] {
  return (JSON.parse(readFileSync(join(FIXTURES, 'api', 'news', 'ai-in-healthcare', path), 'utf8')) as { value: unknown[] }).value;
}
function accepted(result: NormalizeResult | { ok: false; reason: string }): Article {
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.article;
}
/** A minimal valid JSON item, to vary one field at a time. */
function apiItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Made-up headline about clinical AI',
    excerpt: 'Made-up excerpt.',
    webUrl: 'https://www.example-health-news.com/2021/12/01/made-up/',
    publishedDateTime: '2021-12-01T10:00:00-08:00',
    provider: { name: 'Example Health News', domain: 'example-health-news.com' },
    topics: ['AI in Healthcare'],
    ...overrides,
  };
}

describe('hash', () => {
  it('is FNV-1a 64 (published test vectors)', () => {
    expect(hash('')).toBe('cbf29ce484222325');
    expect(hash('a')).toBe('af63dc4c8601ec8c');
    expect(hash('foobar')).toBe('85944171f73967e8');
  });

  it('gives 16 hex digits and differs for near-identical keys', () => {
    const keys = ['example.com/a', 'example.com/b', 'example.com/a/b', 'exampl.ecom/a', 'é', 'e\u0301'];
    const ids = keys.map(hash);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(keys.length);
  });
});

describe('normalizeFrontMatter', () => {
  it('maps the new shape: score, heat, URLs, provider, topics, related, images', () => {
    const article = accepted(markdown('_news/2021-09-14-hospital-pilots-ai-triage-for-emergency-rooms.md'));
    expect(article).toMatchObject({
      title: 'Regional hospital pilots AI triage for its emergency rooms',
      publishedAt: '2021-09-14T09:30:00.000Z',
      quality: 72,
      heat: 88,
      provider: { name: 'Example Health News', domain: 'example-health-news.com' },
      topics: ['AI in Healthcare', 'AI'],
      sources: ['bundle'],
      updatedAt: NOW,
      images: [{ url: 'https://images.example-health-news.com/2021/09/triage.jpg', width: 1200, height: 800 }],
    });
    expect(Object.keys(article.urls).sort()).toEqual(['amp', 'cdnAmp', 'original', 'web']);
    expect(Article.safeParse(article).success).toBe(true);
  });

  it('maps related entries to RelatedRef and drops the one whose URL is javascript:', () => {
    const { related } = accepted(markdown('_news/2021-09-14-hospital-pilots-ai-triage-for-emergency-rooms.md'));
    expect(related).toEqual([
      {
        title: 'Clinicians weigh in on algorithmic triage',
        url: 'https://medwire.example.org/news/clinicians-weigh-in-on-algorithmic-triage',
        excerpt: 'A made-up related entry about how nurses review model output.',
        quality: 41,
        provider: { name: 'MedWire', domain: 'medwire.example.org' },
        publishedAt: '2021-09-12T15:00:00.000Z',
      },
    ]);
  });

  it('accepts the old shape and stores heat -1 as absent, keeping quality', () => {
    const article = accepted(markdown('_archive/_news/2019-12-20-old-shape-model-reads-retina-scans.md'));
    expect(article.heat).toBeUndefined();
    expect('heat' in article).toBe(false);
    expect(article.quality).toBe(39);
    expect(article.urls.original).toBeUndefined();
    expect(article.related).toEqual([]);
    expect(article.urls.web).toBe('https://sciencedaily.example.net/news/2019-12-model-reads-retina-scans.html');
  });

  it('leaves quality and heat absent when the file has none (never invented)', () => {
    const article = accepted(markdown('_news/2021-09-15-startup-raises-funds-for-radiology-ai.md'));
    expect('quality' in article).toBe(false);
    expect('heat' in article).toBe(false);
  });

  it('decodes entities in title and excerpt, percent-decodes the provider name, dedupes topics', () => {
    const article = accepted(markdown('_news/2021-09-15-startup-raises-funds-for-radiology-ai.md'));
    expect(article.title).toBe('Startup raises funds for radiology AI & expands to three clinics');
    expect(article.excerpt).toContain('the founders\u2019 plan');
    expect(article.excerpt.endsWith('faster\u2026')).toBe(true);
    expect(article.provider.name).toBe('Example Wire, Inc.');
    expect(article.topics).toEqual(['AI in Healthcare', 'AI']);
  });

  it('rejects a javascript: webUrl', () => {
    expect(markdown('_news/2021-10-03-a-script-instead-of-a-link.md')).toMatchObject({ ok: false, reason: 'webUrl is not http(s)' });
  });

  it('gives the same id to URL variants of one article (scheme, www., trailing slash)', () => {
    const first = accepted(markdown('_news/2021-09-14-hospital-pilots-ai-triage-for-emergency-rooms.md'));
    const later = accepted(markdown('_news/2021-10-02-hospital-pilots-ai-triage-update.md'));
    expect(later.id).toBe(first.id);
    expect(first.id).toBe(hash(matchKey(first.urls.web) as string));
  });
});

describe('normalizeApiItem', () => {
  const items = apiItems();

  it('converts a -08:00 publication time to UTC, across midnight', () => {
    const article = accepted(normalizeApiItem(items[1], FEED, NOW));
    expect(article.publishedAt).toBe('2021-12-23T06:30:00.000Z');
  });

  it('never reads quality or related from a JSON item, even when a loose item carries fields of those names', () => {
    const related = [{ title: 'Other', webUrl: 'https://other.example.org/a' }];
    const article = accepted(normalizeApiItem({ ...(items[0] as object), quality: 80, related }, FEED, NOW));
    expect('quality' in article).toBe(false);
    expect(article.related).toEqual([]);
  });

  it('has no quality (JSON never has one), keeps heat, sources and updatedAt', () => {
    const article = accepted(normalizeApiItem(items[0], FEED, NOW));
    expect('quality' in article).toBe(false);
    expect(article).toMatchObject({ heat: 95, sources: [FEED], updatedAt: NOW, publishedAt: '2021-12-21T17:00:00.000Z' });
  });

  it('decodes &CloseCurlyQuote;, &amp; and hex entities, and Morningstar-style %2c provider names', () => {
    const article = accepted(normalizeApiItem(items[1], FEED, NOW));
    expect(article.excerpt).toBe('The vendor\u2019s model flags sepsis risk & alerts staff\u2026 (made up)');
    expect(article.provider.name).toBe('Example Wire, Inc.');
    expect('heat' in article).toBe(false);
  });

  it('rejects bad items with a short reason', () => {
    expect(normalizeApiItem(items[2], FEED, NOW)).toMatchObject({ ok: false, reason: 'missing title' });
    expect(normalizeApiItem(items[3], FEED, NOW)).toMatchObject({ ok: false, reason: 'webUrl is not http(s)' });
    expect(normalizeApiItem(items[4], FEED, NOW)).toMatchObject({ ok: false, reason: 'title is not a string' });
  });

  it('drops heat -1, a data: AMP URL and an ftp: image, keeps the rest; dedupes topics', () => {
    const article = accepted(normalizeApiItem(items[5], FEED, NOW));
    expect('heat' in article).toBe(false);
    expect(article.urls.amp).toBeUndefined();
    expect(article.images).toEqual([{ url: 'https://techdaily.example.io/img/heart.jpg', width: 640, height: 360 }]);
    expect(article.topics).toEqual(['AI in Healthcare', 'AI']);
  });

  it.each([
    ['not an object', 'a string', 'record is not an object'],
    ['null', null, 'record is not an object'],
    ['missing webUrl', apiItem({ webUrl: undefined }), 'missing webUrl'],
    ['data: webUrl', apiItem({ webUrl: 'data:text/html,hi' }), 'webUrl is not http(s)'],
    ['relative webUrl', apiItem({ webUrl: '/2021/12/01/made-up' }), 'webUrl is not http(s)'],
    ['blank title', apiItem({ title: '   ' }), 'missing title'],
    ['1 MB title', apiItem({ title: 'x'.repeat(1_000_000) }), 'title longer than 2000 chars'],
    ['2001-char title', apiItem({ title: 'y'.repeat(2001) }), 'title longer than 2000 chars'],
    ['unparseable date', apiItem({ publishedDateTime: 'last Tuesday' }), 'publishedDateTime is not a valid date'],
    ['impossible date', apiItem({ publishedDateTime: '2021-02-31T10:00:00Z' }), 'publishedDateTime is not a valid date'],
    ['heat as text', apiItem({ heat: 'hot' }), 'heat is not a number'],
  ])('rejects %s', (_name, raw, reason) => {
    expect(normalizeApiItem(raw, FEED, NOW)).toMatchObject({ ok: false, reason });
  });

  it('keeps a 2000-char title and trims surrounding whitespace', () => {
    const title = `  ${'z'.repeat(2000)}\n`;
    expect(accepted(normalizeApiItem(apiItem({ title }), FEED, NOW)).title).toBe('z'.repeat(2000));
  });

  it('truncates a huge excerpt to the cap with an ellipsis', () => {
    const article = accepted(normalizeApiItem(apiItem({ excerpt: 'word '.repeat(300_000) }), FEED, NOW));
    expect(article.excerpt.length).toBeLessThanOrEqual(MAX_EXCERPT_LENGTH);
    expect(article.excerpt.endsWith('…')).toBe(true);
  });

  it('accepts unknown extra fields', () => {
    expect(normalizeApiItem(apiItem({ somethingNew: { nested: true } }), FEED, NOW).ok).toBe(true);
  });

  it('falls back to the URL host when the provider is missing', () => {
    const article = accepted(normalizeApiItem(apiItem({ provider: null }), FEED, NOW));
    expect(article.provider).toEqual({ name: 'example-health-news.com', domain: 'example-health-news.com' });
  });
});

describe('toUtcIso', () => {
  it.each([
    ['2021-09-26T13:07:00Z', '2021-09-26T13:07:00.000Z'],
    ['2021-12-22T10:00:00-08:00', '2021-12-22T18:00:00.000Z'],
    ['2021-06-30T23:30:00-07:00', '2021-07-01T06:30:00.000Z'],
    ['2021-06-30T23:30:00+0530', '2021-06-30T18:00:00.000Z'],
    ['2019-12-20 16:53:00 +00:00', '2019-12-20T16:53:00.000Z'],
    ['2021-09-26T13:07:00.25Z', '2021-09-26T13:07:00.250Z'],
    ['2021-09-26T13:07:00', '2021-09-26T13:07:00.000Z'],
    ['2021-09-26', '2021-09-26T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(toUtcIso(input)).toBe(expected);
  });

  it('agrees with the engine on offset forms it parses unambiguously', () => {
    for (const input of ['2021-12-22T10:00:00-08:00', '2023-03-26T23:59:59+01:00', '2022-01-01T00:00:00-07:00']) {
      expect(toUtcIso(input)).toBe(new Date(input).toISOString());
    }
  });

  it.each(['', 'yesterday', '2021-13-01T00:00:00Z', '2021-02-30', '0001-01-01T00:00:00Z', '21-09-26'])('rejects %j', (input) => {
    expect(toUtcIso(input)).toBeUndefined();
  });

  it('accepts a Date', () => {
    expect(toUtcIso(new Date(Date.UTC(2021, 8, 26, 13, 7)))).toBe('2021-09-26T13:07:00.000Z');
  });
});

describe('entity decoding in text fields (HTML rules, strict form, from the entities package)', () => {
  const title = (raw: string) => accepted(normalizeApiItem({ ...(apiItems()[0] as object), title: raw }, FEED, NOW)).title;
  it.each([
    ['&CloseCurlyQuote;', '\u2019'],
    ['&amp;amp;', '&amp;'],
    ['&#8220;x&#8221;', '\u201cx\u201d'],
    ['&#x1F600;', '\u{1F600}'],
    ['&unknownentity; stays', '&unknownentity; stays'],
    // A lone surrogate cannot be shown: HTML's rule turns it into the replacement character.
    ['&#xD800; is replaced', '\uFFFD is replaced'],
    ['a & b', 'a & b'],
    // Without its `;` an entity is plain text: query strings and names like AT&T stay as written.
    ['AT&T and ?a=1&not=2', 'AT&T and ?a=1&not=2'],
  ])('%s → %s', (input, expected) => {
    expect(title(input)).toBe(expected);
  });
});

describeWithSharedData('real sample normalization', () => {
  const SEED = '_news/2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';

  it('normalizes the seed article to quality 59, heat 79, two topics, 2 related, UTC time', () => {
    const parsed = parseFrontMatter(readShared(SEED));
    if (!parsed.ok) throw new Error(parsed.reason);
    const article = accepted(normalizeFrontMatter(parsed.data, 'bundle', NOW));
    expect(article.quality).toBe(59);
    expect(article.heat).toBe(79);
    expect(article.topics).toEqual(['AI in Healthcare', 'AI']);
    expect(article.related).toHaveLength(2);
    expect(article.related.map((r) => r.quality)).toEqual([54, 49]);
    expect(article.publishedAt).toBe('2021-09-26T13:07:00.000Z');
    expect(article.urls.web).toBe('https://cointelegraph.com/news/the-next-generation-of-data-driven-healthcare-is-here');
  });

  it('accepts all 166 Markdown files, with heat -1 stored as absent', () => {
    const rejected: string[] = [];
    let minusOne = 0;
    let withoutHeat = 0;
    for (const file of sharedFiles('_news', '.md')) {
      const text = readShared(file);
      if (/^heat: -1$/m.test(text)) minusOne++;
      const parsed = parseFrontMatter(text);
      const result = parsed.ok ? normalizeFrontMatter(parsed.data, 'bundle', NOW) : parsed;
      if (!result.ok) rejected.push(`${file}: ${result.reason}`);
      else if (result.article.heat === undefined) withoutHeat++;
    }
    expect(rejected).toEqual([]);
    expect(minusOne).toBe(23); // SUMMARY.md §3
    expect(withoutHeat).toBe(23 + 47); // heat -1, plus the 47 files without heat at all
  });

  it('converts the real -08:00 and -07:00 JSON times to UTC', () => {
    let checked = 0;
    for (const file of sharedFiles('api', '.json')) {
      for (const raw of (readSharedJson(file) as { value: { publishedDateTime: string }[] }).value) {
        const article = accepted(normalizeApiItem(raw, FEED, NOW));
        expect(article.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
        expect(Date.parse(article.publishedAt)).toBe(Date.parse(raw.publishedDateTime));
        checked++;
      }
    }
    expect(checked).toBe(458); // SUMMARY.md §2: 458 JSON items across all feeds
  });

  it('decodes the real &CloseCurlyQuote; and Morningstar%2c names', () => {
    const texts: string[] = [];
    for (const file of sharedFiles('api', '.json')) {
      for (const raw of (readSharedJson(file) as { value: unknown[] }).value) {
        const article = accepted(normalizeApiItem(raw, FEED, NOW));
        texts.push(article.title, article.excerpt, article.provider.name);
      }
    }
    expect(texts.filter((t) => /&[A-Za-z]+;|&#\d+;/.test(t))).toEqual([]);
    expect(texts.filter((t) => t.includes('%2c'))).toEqual([]);
    expect(texts).toContain('Morningstar, Inc.');
  });
});

describe('records that claim too much', () => {
  const frontMatter = (overrides: Record<string, unknown>) => ({ ...apiItem(), quality: 64, ...overrides });

  it('refuses a negative or absurd quality with a reason, never a badge', () => {
    for (const quality of [-5, 1001, 1e9]) {
      const result = normalizeFrontMatter(frontMatter({ quality }), 'bundle', NOW);
      expect(result.ok, `quality ${quality}`).toBe(false);
      if (!result.ok) expect(result.reason).toBe(`quality ${quality} is outside 0–1000`);
    }
    expect(accepted(normalizeFrontMatter(frontMatter({ quality: 171 }), 'bundle', NOW)).quality).toBe(171);
    expect(accepted(normalizeFrontMatter(frontMatter({ quality: 0 }), 'bundle', NOW)).quality).toBe(0);
  });

  it('shows the link\'s own site as the outlet when the feed\'s provider claims another', () => {
    const spoofed = accepted(normalizeApiItem(apiItem({ webUrl: 'https://news.cheap-pills.example/ai-cures-all', provider: { name: 'The Lancet', domain: 'thelancet.com' } }), FEED, NOW));
    expect(spoofed.provider).toEqual({ name: 'cheap-pills.example', domain: 'cheap-pills.example' });
    const honest = accepted(normalizeApiItem(apiItem({ webUrl: 'https://www.thelancet.com/journals/x', provider: { name: 'The Lancet', domain: 'thelancet.com' } }), FEED, NOW));
    expect(honest.provider).toEqual({ name: 'The Lancet', domain: 'thelancet.com' });
  });
});
