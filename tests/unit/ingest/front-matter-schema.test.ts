/** Tests for tools/front-matter.ts (YAML split + parse) and lib/ingest/front-matter-schema.ts (new and old shapes). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseFrontMatter, splitFrontMatter } from '../../../tools/front-matter';
import { FrontMatter } from '../../../lib/ingest/front-matter-schema';
import { describeWithSharedData, readShared, sharedFiles } from '../../support/shared-data';

const MARKDOWN = join(import.meta.dirname, '..', '..', 'fixtures', 'markdown');
const fixture = (path: string) => readFileSync(join(MARKDOWN, path), 'utf8');
const OLD_SHAPE = '_archive/_news/2019-12-20-old-shape-model-reads-retina-scans.md';
const NEW_SHAPE = '_news/2021-09-14-hospital-pilots-ai-triage-for-emergency-rooms.md';

describe('splitFrontMatter', () => {
  it('returns the YAML between the fences and the body after', () => {
    expect(splitFrontMatter('---\ntitle: x\n---\n\nbody\n')).toEqual({ yaml: 'title: x', body: '\nbody\n' });
  });

  it('tolerates CRLF line ends and a byte-order mark', () => {
    expect(splitFrontMatter('\uFEFF---\r\ntitle: x\r\n---\r\nbody')).toEqual({ yaml: 'title: x', body: 'body' });
  });

  it('does not end at a "---" inside a value (real URLs contain "---")', () => {
    const text = '---\nwebUrl: "https://a.example/report---global-market"\n---\n';
    expect(splitFrontMatter(text)?.yaml).toBe('webUrl: "https://a.example/report---global-market"');
  });

  it('returns undefined without a leading fence', () => {
    expect(splitFrontMatter('# heading\n---\nx: 1\n---\n')).toBeUndefined();
  });
});

describe('parseFrontMatter', () => {
  it('keeps timestamps as strings and booleans as booleans (YAML 1.2)', () => {
    const result = parseFrontMatter(fixture(OLD_SHAPE));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({
      publishedDateTime: '2019-12-20T16:53:00Z',
      published: false,
      heat: -1,
      webUrl: 'https://sciencedaily.example.net/news/2019-12-model-reads-retina-scans.html',
    });
  });

  it.each([
    ['no front matter', '# only a heading\n', 'no front matter'],
    ['a YAML list', '---\n- a\n- b\n---\n', 'front matter is not a mapping'],
    ['a scalar', '---\njust text\n---\n', 'front matter is not a mapping'],
    ['empty front matter', '---\n---\n', 'front matter is not a mapping'],
  ])('rejects %s', (_name, text, reason) => {
    expect(parseFrontMatter(text)).toEqual({ ok: false, reason });
  });

  it('rejects broken YAML with a reason that says so', () => {
    const result = parseFrontMatter('---\ntitle: "unterminated\nwebUrl: x\n---\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^invalid YAML: /);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10).fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`).join(',')}]`);
    const result = parseFrontMatter(`---\n${bomb.join('\n')}\n---\n`);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid YAML: .*alias/i) });
  });
});

describe('FrontMatter', () => {
  it('accepts the new shape (quoted URLs, originalUrl, related)', () => {
    const parsed = parseFrontMatter(fixture(NEW_SHAPE));
    expect(parsed.ok && FrontMatter.safeParse(parsed.data).success).toBe(true);
  });

  it('accepts the old shape (unquoted URLs, no originalUrl, no related, published false, heat -1)', () => {
    const parsed = parseFrontMatter(fixture(OLD_SHAPE));
    if (!parsed.ok) throw new Error(parsed.reason);
    const result = FrontMatter.safeParse(parsed.data);
    expect(result.success).toBe(true);
    expect(result.data?.originalUrl).toBeUndefined();
    expect(result.data?.related).toBeUndefined();
  });

  it('accepts a Date for publishedDateTime (YAML 1.1 loaders produce one)', () => {
    const result = FrontMatter.safeParse({ title: 't', webUrl: 'https://a.example/', publishedDateTime: new Date('2021-01-01T00:00:00Z') });
    expect(result.success).toBe(true);
  });

  it.each([
    ['title', { webUrl: 'https://a.example/', publishedDateTime: '2021-01-01T00:00:00Z' }],
    ['webUrl', { title: 't', publishedDateTime: '2021-01-01T00:00:00Z' }],
    ['publishedDateTime', { title: 't', webUrl: 'https://a.example/' }],
  ])('requires %s', (field, raw) => {
    const result = FrontMatter.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it('rejects a quality that is not a number', () => {
    expect(FrontMatter.safeParse({ title: 't', webUrl: 'https://a.example/', publishedDateTime: '2021-01-01T00:00:00Z', quality: 'high' }).success).toBe(false);
  });

  it('types: schema and type share a name', () => {
    expectTypeOf<FrontMatter['quality']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<FrontMatter['publishedDateTime']>().toEqualTypeOf<string | Date>();
  });
});

describeWithSharedData('real Markdown (../shared/data/everyday-cc/_news)', () => {
  const files = sharedFiles('_news', '.md');

  it('finds the 166 files of SUMMARY.md §3', () => {
    expect(files).toHaveLength(166);
  });

  it('every file has YAML front matter that matches FrontMatter', () => {
    const failures: string[] = [];
    for (const file of files) {
      const parsed = parseFrontMatter(readShared(file));
      if (!parsed.ok) failures.push(`${file}: ${parsed.reason}`);
      else if (!FrontMatter.safeParse(parsed.data).success) failures.push(`${file}: schema`);
    }
    expect(failures).toEqual([]);
  });

  it('quality, heat and published are present together or absent together (SUMMARY.md §3: absent in 47)', () => {
    let absent = 0;
    for (const file of files) {
      const parsed = parseFrontMatter(readShared(file));
      if (!parsed.ok) continue;
      const data = FrontMatter.parse(parsed.data);
      const present = [data.quality, data.heat, data.published].filter((v) => v !== undefined).length;
      expect([0, 3], file).toContain(present);
      if (present === 0) absent++;
    }
    expect(absent).toBe(47);
  });
});
