/**
 * Tests for the snapshot bundle: tools/bundle-build.ts (pure build), lib/ingest/bundle-codec.ts (readers), and scripts/dataset.ts
 * run as a real child process on our Markdown fixtures and on the real sample.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../../tools/bundle-build';
import { mergeArticle } from '../../../lib/model/merge';
import { normalizeFrontMatter } from '../../../lib/ingest/normalize';
import { parseFrontMatter } from '../../../tools/front-matter';
import { Article } from '../../../lib/model/article';
import { parseBundleArticle, parseBundleManifest, parseBundleShard, toBundleArticle } from '../../../lib/ingest/bundle-codec';
import { BundleArticle, SUPPORTED_BUNDLE_VERSION } from '../../../lib/ingest/bundle-schema';
import { fakeArticle } from '../../fixtures/fake-article';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../support/shared-data';
import { markdownFiles } from '../../../tools/markdown-files';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const MARKDOWN = join(ROOT, 'tests', 'fixtures', 'markdown');
const NOW = Date.UTC(2024, 0, 2, 3, 4, 5);
const SOURCE = 'https://bundles.example.org/health/manifest.json';
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');


const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hal-dataset-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'dataset.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir` → its bytes, keyed by relative path. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of markdownLikeWalk(dir)) out[relative(dir, file)] = readFileSync(file, 'utf8');
  return out;
}
function markdownLikeWalk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownLikeWalk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('buildBundle', () => {
  const files = markdownFiles(MARKDOWN);
  const build = buildBundle(files, NOW);

  it('accepts the good fixtures, rejects the bad ones with reasons, merges the same URL', () => {
    expect(build.accepted).toBe(4);
    expect(build.rejected.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: '_news/2021-10-03-a-script-instead-of-a-link.md', reason: 'webUrl is not http(s)' },
      { path: '_news/2021-10-04-notes-without-front-matter.md', reason: 'no front matter' },
    ]);
    expect(build.merged).toBe(1);
    expect(build.manifest.articleCount).toBe(3);
  });

  it('groups by UTC publication month, with content-hashed shard names and exact-byte hashes', () => {
    expect(build.manifest.shards.map((s) => s.month)).toEqual(['2019-12', '2021-09', '2021-10']);
    for (const [i, entry] of build.manifest.shards.entries()) {
      const shard = build.shards[i];
      expect(shard?.file).toBe(entry.file);
      expect(entry.sha256).toBe(sha256(Buffer.from(shard?.text ?? '', 'utf8')));
      expect(entry.file).toBe(`shards/${entry.month}.${entry.sha256.slice(0, 12)}.json`);
      const parsed = parseBundleShard(JSON.parse(shard?.text ?? ''), entry.month);
      expect(parsed.ok && parsed.articles.length).toBe(entry.count);
    }
  });

  it('writes the merge of two files with the same URL as one article (later file wins, lists united)', () => {
    const october = build.shards[2];
    const parsed = parseBundleShard(JSON.parse(october?.text ?? ''));
    if (!parsed.ok) throw new Error(parsed.reason);
    const [article] = parsed.articles as BundleArticle[];
    expect(article).toMatchObject({ title: 'Regional hospital expands its AI triage pilot', quality: 75, heat: 90 });
    expect(article?.topics.sort()).toEqual(['AI', 'AI in Healthcare', 'AI in Robotics']);
    expect(article?.related.map((r) => r.title).sort()).toEqual([
      'Clinicians weigh in on algorithmic triage',
      'Emergency departments turn to scheduling software',
    ]);
    // The September file's AMP URLs survive: the October file has none.
    expect(article?.urls.amp).toBeDefined();
  });

  it('keeps sources, updatedAt and generatedAt out of shards: same input at another time gives identical shards', () => {
    const later = buildBundle([...files].reverse(), NOW + 86_400_000);
    expect(later.shards).toEqual(build.shards);
    expect(later.manifest.shards).toEqual(build.manifest.shards);
    expect(later.manifest.generatedAt).not.toBe(build.manifest.generatedAt);
    for (const shard of build.shards) expect(shard.text).not.toMatch(/"sources"|"updatedAt"|"generatedAt"/);
  });

  it('changes only the shard whose month changed', () => {
    const edited = files.map((f) => (f.path.includes('old-shape') ? { ...f, text: f.text.replace('quality: 39', 'quality: 40') } : f));
    const rebuilt = buildBundle(edited, NOW);
    const changed = rebuilt.manifest.shards.filter((s, i) => s.sha256 !== build.manifest.shards[i]?.sha256).map((s) => s.month);
    expect(changed).toEqual(['2019-12']);
  });

  it('produces a manifest its own reader accepts', () => {
    expect(parseBundleManifest(JSON.parse(build.manifestText))).toEqual({ ok: true, manifest: build.manifest });
  });
});

describe('parseBundleManifest', () => {
  const good = buildBundle(markdownFiles(MARKDOWN), NOW).manifest;

  it(`refuses a newer format version with a clear reason (supported: ${SUPPORTED_BUNDLE_VERSION})`, () => {
    expect(parseBundleManifest({ ...good, version: 3 })).toEqual({
      ok: false,
      problem: { code: 'version-newer', version: 3, supported: 2 },
      reason: 'bundle format version 3 is newer than supported (2): update the extension',
    });
  });

  it.each([
    ['not an object', [], 'manifest is not a JSON object'],
    ['another format', { ...good, format: 'something-else' }, 'not a health-ai-lens-bundle manifest'],
    ['an old version', { ...good, version: 1 }, 'bundle format version 1 is no longer supported (need 2)'],
    ['no version', { ...good, version: undefined }, 'bundle version is missing or not an integer'],
    ['a shard path escaping the folder', { ...good, shards: [{ ...good.shards[0], file: '../secrets.json' }] }, expect.stringContaining('shards.0.file')],
    ['an absolute shard URL', { ...good, shards: [{ ...good.shards[0], file: 'https://evil.example/x.json' }] }, expect.stringContaining('shards.0.file')],
    ['a bad hash', { ...good, shards: [{ ...good.shards[0], sha256: 'abc' }] }, expect.stringContaining('shards.0.sha256')],
    ['a wrong article count', { ...good, articleCount: 99 }, expect.stringContaining('articleCount 99')],
    ['a shard listed twice', { ...good, shards: [good.shards[0], good.shards[0]], articleCount: 2 * (good.shards[0]?.count ?? 0) }, 'manifest lists a shard file twice'],
  ])('refuses %s', (_name, json, reason) => {
    expect(parseBundleManifest(json)).toMatchObject({ ok: false, reason });
  });
});

describe('parseBundleShard and parseBundleArticle', () => {
  it('refuses a future shard version and a month other than the manifest said', () => {
    expect(parseBundleShard({ format: 'health-ai-lens-shard', version: 9, month: '2021-09', articles: [] })).toMatchObject({ ok: false, reason: expect.stringContaining('newer than supported') });
    expect(parseBundleShard({ format: 'health-ai-lens-shard', version: 2, month: '2021-09', articles: [] }, '2021-10')).toMatchObject({ ok: false });
    expect(parseBundleShard({ format: 'health-ai-lens-shard', version: 2, month: '2021-09', articles: {} })).toMatchObject({ ok: false });
  });

  it('round-trips an article: toBundleArticle → JSON → parseBundleArticle gives it back with our sources and time', () => {
    const article = fakeArticle();
    const raw = JSON.parse(JSON.stringify(toBundleArticle(article))) as unknown;
    expect(BundleArticle.safeParse(raw).success).toBe(true);
    expect(parseBundleArticle(raw, SOURCE, NOW)).toEqual({ ok: true, article: { ...article, sources: [SOURCE], updatedAt: NOW } });
  });

  it('strips bad optional URLs instead of rejecting the article', () => {
    const bundled = toBundleArticle(fakeArticle());
    const hostile = {
      ...bundled,
      urls: { ...bundled.urls, amp: 'javascript:alert(1)', cdnAmp: 'data:text/html,x' },
      images: [{ url: 'ftp://x.example/a.jpg' }, ...(bundled.images ?? [])],
      related: [{ title: 'bad', url: 'javascript:void 0' }, ...bundled.related, { title: 'x', url: 42 }],
      extra: 'accepted',
    };
    const result = parseBundleArticle(hostile, SOURCE, NOW);
    if (!result.ok) throw new Error(result.reason);
    expect(result.article.urls.amp).toBeUndefined();
    expect(result.article.urls.cdnAmp).toBeUndefined();
    expect(result.article.images).toEqual(bundled.images);
    expect(result.article.related).toEqual(bundled.related);
  });

  it('recomputes the id from urls.web, so a bundle cannot alias another article', () => {
    const bundled = toBundleArticle(fakeArticle());
    const result = parseBundleArticle({ ...bundled, id: 'someone-elses-id' }, SOURCE, NOW);
    expect(result.ok && result.article.id).toBe(bundled.id);
  });

  it.each([
    ['a javascript: web URL', (a: BundleArticle) => ({ ...a, urls: { web: 'javascript:alert(1)' } }), 'webUrl is not http(s)'],
    ['no title', (a: BundleArticle) => ({ ...a, title: undefined }), 'missing title'],
    ['a 1 MB title', (a: BundleArticle) => ({ ...a, title: 't'.repeat(1_000_000) }), 'title longer than 2000 chars'],
    ['a bad date', (a: BundleArticle) => ({ ...a, publishedAt: 'soon' }), 'publishedDateTime is not a valid date'],
  ])('rejects an article with %s', (_name, mutate, reason) => {
    expect(parseBundleArticle(mutate(toBundleArticle(fakeArticle())), SOURCE, NOW)).toMatchObject({ ok: false, reason });
  });
});

describe('scripts/dataset.ts (child process)', () => {
  it('builds our fixtures into a manifest whose hashes match the shard bytes; a second run is identical', () => {
    const out = tempDir();
    const first = runCli(['build', MARKDOWN, '--out', out], { SOURCE_DATE_EPOCH: '1700000000' });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('accepted 4, rejected 2');
    expect(first.stdout).toMatch(/1 × webUrl is not http\(s\): _news\/2021-10-03-a-script-instead-of-a-link\.md/);
    expect(first.stdout).toMatch(/1 × no front matter: _news\/2021-10-04-notes-without-front-matter\.md/);

    const manifestJson = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as unknown;
    const manifest = parseBundleManifest(manifestJson);
    if (!manifest.ok) throw new Error(manifest.reason);
    expect(manifest.manifest.generatedAt).toBe('2023-11-14T22:13:20.000Z');
    expect(readdirSync(join(out, 'shards')).sort()).toEqual(manifest.manifest.shards.map((s) => s.file.slice('shards/'.length)).sort());
    for (const shard of manifest.manifest.shards) {
      expect(sha256(readFileSync(join(out, shard.file))), shard.file).toBe(shard.sha256);
    }

    const before = snapshot(out);
    const second = runCli(['build', MARKDOWN, `--out=${out}`], { SOURCE_DATE_EPOCH: '1700000000' });
    expect(second.code, second.stderr).toBe(0);
    expect(snapshot(out)).toEqual(before);
  });

  it('replaces a changed month shard and removes its stale file', () => {
    const input = tempDir();
    const out = tempDir();
    for (const file of markdownFiles(MARKDOWN)) {
      mkdirSync(join(input, file.path, '..'), { recursive: true });
      writeFileSync(join(input, file.path), file.text);
    }
    expect(runCli(['build', input, '--out', out]).code).toBe(0);
    const before = readdirSync(join(out, 'shards')).sort();
    const old = '_archive/_news/2019-12-20-old-shape-model-reads-retina-scans.md';
    writeFileSync(join(input, old), readFileSync(join(input, old), 'utf8').replace('quality: 39', 'quality: 41'));
    expect(runCli(['build', input, '--out', out]).code).toBe(0);
    const after = readdirSync(join(out, 'shards')).sort();
    expect(after).toHaveLength(before.length);
    expect(after.filter((name) => !before.includes(name))).toEqual([expect.stringMatching(/^2019-12\.[0-9a-f]{12}\.json$/)]);
  });

  it.each([
    [[]],
    [['build']],
    [['build', MARKDOWN]],
    [['build', MARKDOWN, '--out']],
    [['publish', MARKDOWN, '--out', '/tmp/x']],
    [['build', MARKDOWN, '--out', '/tmp/x', '--fast']],
  ])('exits 2 with usage on bad arguments %j', (args) => {
    const result = runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: npm run dataset -- build <markdown-dir> --out <dir>');
  });

  it('exits 1 when the directory has no .md files', () => {
    const empty = tempDir();
    writeFileSync(join(empty, 'readme.txt'), 'not markdown');
    const result = runCli(['build', empty, '--out', tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no .md files');
  });
});

describeWithSharedData('scripts/dataset.ts on the real sample', () => {
  it('accepts all 166 Markdown files and writes a bundle whose articles re-validate', () => {
    const out = tempDir();
    const result = runCli(['build', join(SHARED_DATA_DIR, '_news'), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('accepted 166, rejected 0');
    const manifest = parseBundleManifest(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    if (!manifest.ok) throw new Error(manifest.reason);

    // Independent expectation: normalize + merge each file here and count distinct ids.
    const ids = new Map<string, Article>();
    for (const file of markdownFiles(join(SHARED_DATA_DIR, '_news'))) {
      const parsed = parseFrontMatter(file.text);
      const normalized = parsed.ok ? normalizeFrontMatter(parsed.data, 'bundle', NOW) : parsed;
      if (normalized.ok) ids.set(normalized.article.id, mergeArticle(ids.get(normalized.article.id), normalized.article, NOW).article);
    }
    expect(manifest.manifest.articleCount).toBe(ids.size);

    let seed: Article | undefined;
    for (const entry of manifest.manifest.shards) {
      const bytes = readFileSync(join(out, entry.file));
      expect(sha256(bytes)).toBe(entry.sha256);
      const shard = parseBundleShard(JSON.parse(bytes.toString('utf8')), entry.month);
      if (!shard.ok) throw new Error(shard.reason);
      for (const raw of shard.articles) {
        const article = parseBundleArticle(raw, SOURCE, NOW);
        expect(article.ok).toBe(true);
        if (article.ok) {
          expect(article.article.publishedAt.slice(0, 7)).toBe(entry.month);
          expect(article.article).toEqual({ ...ids.get(article.article.id), sources: [SOURCE], updatedAt: NOW });
          if (article.article.urls.web.includes('the-next-generation-of-data-driven-healthcare-is-here')) seed = article.article;
        }
      }
    }
    expect(seed).toMatchObject({ quality: 59, heat: 79, topics: ['AI in Healthcare', 'AI'] });
    expect(seed?.related).toHaveLength(2);
  });
});
