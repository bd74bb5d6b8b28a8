/**
 * Tests for topic bundles and the feeds.json catalog: tools/topic-bundles.ts (pure), lib/model/feed-catalog.ts (schema,
 * slugs), and `npm run dataset -- build … --by-topic` run as a real child process on our fixtures and on the real sample.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildBundle } from '../../../tools/bundle-build';
import { buildTopicBundles } from '../../../tools/topic-bundles';
import { parseBundleManifest, parseBundleShard } from '../../../lib/ingest/bundle-codec';
import type { BundleArticle } from '../../../lib/ingest/bundle-schema';
import { parseFeedCatalog, topicSlug, type FeedCatalog } from '../../../lib/model/feed-catalog';
import { fakeArticle } from '../../fixtures/fake-article';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../support/shared-data';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const MARKDOWN = join(ROOT, 'tests', 'fixtures', 'markdown');
const NOW = Date.UTC(2024, 0, 2, 3, 4, 5);
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

function markdownFiles(dir: string): { path: string; text: string }[] {
  return walk(dir)
    .filter((path) => path.endsWith('.md'))
    .map((path) => ({ path: relative(dir, path), text: readFileSync(path, 'utf8') }));
}
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hal-topics-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function runCli(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'dataset.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Reads a bundle folder back through the extension's own readers: every article, hashes checked. */
function readBundle(dir: string): BundleArticle[] {
  const manifest = parseBundleManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  if (!manifest.ok) throw new Error(`${dir}: ${manifest.reason}`);
  expect(readdirSync(join(dir, 'shards')).sort()).toEqual(manifest.manifest.shards.map((s) => s.file.slice('shards/'.length)).sort());
  return manifest.manifest.shards.flatMap((entry) => {
    const bytes = readFileSync(join(dir, entry.file));
    expect(sha256(bytes), entry.file).toBe(entry.sha256);
    const shard = parseBundleShard(JSON.parse(bytes.toString('utf8')), entry.month);
    if (!shard.ok) throw new Error(shard.reason);
    return shard.articles as BundleArticle[];
  });
}

function readCatalog(out: string): FeedCatalog {
  const parsed = parseFeedCatalog(JSON.parse(readFileSync(join(out, 'feeds.json'), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.catalog;
}

/** The catalog's promises checked against the files: each topic bundle holds exactly the main bundle's articles of that topic. */
function expectCatalogMatchesFiles(out: string): FeedCatalog {
  const catalog = readCatalog(out);
  const all = readBundle(out);
  expect(catalog.all).toMatchObject({ manifest: 'manifest.json', articleCount: all.length });
  const everyTopic = new Set(all.flatMap((a) => a.topics));
  expect(catalog.topics.map((t) => t.topic).sort()).toEqual([...everyTopic].sort());
  for (const entry of catalog.topics) {
    const articles = readBundle(join(out, entry.manifest, '..'));
    const expected = all.filter((a) => a.topics.includes(entry.topic));
    expect(articles.map((a) => a.id).sort(), entry.topic).toEqual(expected.map((a) => a.id).sort());
    expect(entry.articleCount).toBe(expected.length);
    const times = expected.map((a) => Date.parse(a.publishedAt));
    expect(Date.parse(entry.from ?? '')).toBe(Math.min(...times));
    expect(Date.parse(entry.to ?? '')).toBe(Math.max(...times));
    // A topic every article carries is served by the main bundle instead of a copy of it.
    expect(entry.manifest).toBe(entry.articleCount === all.length ? 'manifest.json' : `topics/${entry.slug}/manifest.json`);
  }
  const folders = readdirSync(join(out, 'topics'))
    .filter((name) => existsSync(join(out, 'topics', name, 'manifest.json')))
    .sort();
  expect(folders).toEqual(catalog.topics.filter((t) => t.manifest !== 'manifest.json').map((t) => t.slug).sort());
  return catalog;
}

describe('buildTopicBundles', () => {
  const build = buildBundle(markdownFiles(MARKDOWN), NOW);
  const topics = buildTopicBundles(build.articles, NOW);

  it('writes one bundle per topic with only that topic’s articles, and a catalog its own reader accepts', () => {
    const names = [...new Set(build.articles.flatMap((a) => a.topics))].sort();
    expect(topics.catalog.topics.map((t) => t.topic)).toEqual(names);
    const everywhere = names.filter((name) => build.articles.every((a) => a.topics.includes(name)));
    expect(everywhere).toContain('AI');
    expect(topics.topics.map((t) => t.topic)).toEqual(names.filter((name) => !everywhere.includes(name)));
    expect(topics.topics.length).toBeGreaterThan(0);
    for (const name of everywhere) {
      expect(topics.catalog.topics.find((t) => t.topic === name)).toMatchObject({ manifest: 'manifest.json', articleCount: build.manifest.articleCount });
    }
    for (const topic of topics.topics) {
      const ids = topic.files.shards.flatMap((s) => (JSON.parse(s.text) as { articles: BundleArticle[] }).articles.map((a) => a.id));
      expect(ids.sort()).toEqual(build.articles.filter((a) => a.topics.includes(topic.topic)).map((a) => a.id).sort());
      expect(parseBundleManifest(JSON.parse(topic.files.manifestText))).toEqual({ ok: true, manifest: topic.files.manifest });
    }
    expect(parseFeedCatalog(JSON.parse(topics.catalogText))).toEqual({ ok: true, catalog: topics.catalog });
    expect(topics.catalog.all.articleCount).toBe(build.manifest.articleCount);
  });

  it('is deterministic: articles in another order give the same bytes', () => {
    const again = buildTopicBundles([...build.articles].reverse(), NOW);
    expect(again.catalogText).toBe(topics.catalogText);
    expect(again.topics.map((t) => t.files)).toEqual(topics.topics.map((t) => t.files));
  });

  it('gives names that share a slug distinct folders, in name order whatever the input order', () => {
    const a = fakeArticle({ topics: ['AI in Healthcare'], urls: { web: 'https://news.example.org/a' } });
    const b = fakeArticle({ topics: ['AI-in-Healthcare', 'AI in Healthcare'], urls: { web: 'https://news.example.org/b' } });
    for (const articles of [[a, b], [b, a]]) {
      const built = buildTopicBundles(articles, NOW);
      expect(built.catalog.topics.map((t) => [t.topic, t.slug, t.articleCount])).toEqual([
        ['AI in Healthcare', 'ai-in-healthcare', 2],
        ['AI-in-Healthcare', 'ai-in-healthcare-2', 1],
      ]);
    }
  });

  it('keeps an unchanged topic’s shard names when another topic’s month changes', () => {
    const a = fakeArticle({ topics: ['AI in Finance'], urls: { web: 'https://news.example.org/a' } });
    const b = fakeArticle({ topics: ['AI in Healthcare'], urls: { web: 'https://news.example.org/b' }, quality: 10 });
    const before = buildTopicBundles([a, b], NOW);
    const after = buildTopicBundles([a, { ...b, quality: 11 }], NOW + 1000);
    const files = (built: typeof before, topic: string) => built.topics.find((t) => t.topic === topic)?.files.manifest.shards.map((s) => s.file);
    expect(files(after, 'AI in Finance')).toEqual(files(before, 'AI in Finance'));
    expect(files(after, 'AI in Healthcare')).not.toEqual(files(before, 'AI in Healthcare'));
  });
});

describe('parseFeedCatalog', () => {
  const good = buildTopicBundles(buildBundle(markdownFiles(MARKDOWN), NOW).articles, NOW).catalog;
  const first = good.topics[0]!;

  it.each([
    ['a manifest on another host', { ...good, topics: [{ ...first, manifest: 'https://evil.example/manifest.json' }] }, /not a relative manifest\.json path/],
    ['a path that climbs out', { ...good, topics: [{ ...first, manifest: 'topics/../../manifest.json' }] }, /not a relative manifest\.json path/],
    ['two topics in one folder', { ...good, topics: [{ ...first, manifest: 'topics/x/manifest.json' }, { ...good.topics[1]!, manifest: 'topics/x/manifest.json' }] }, /lists a manifest twice/],
    ['a topic listed twice', { ...good, topics: [first, { ...first, slug: 'other', manifest: 'topics/other/manifest.json' }] }, /lists a topic twice/],
    ['a negative count', { ...good, all: { ...good.all, articleCount: -1 } }, /all\.articleCount/],
    ['a bad date', { ...good, all: { ...good.all, from: 'yesterday' } }, /all\.from: not a date/],
    ['a newer version', { ...good, version: 2 }, /version 2 is newer/],
    ['another format', { ...good, format: 'something-else' }, /not a health-ai-lens-feeds catalog/],
    ['an array', [good], /not a JSON object/],
  ])('refuses %s with a reason', (_name, json, reason) => {
    const parsed = parseFeedCatalog(json);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });
});

describe('topicSlug', () => {
  it.each([
    ['AI in Healthcare', 'ai-in-healthcare'],
    ['Natural Language Processing', 'natural-language-processing'],
    ['  Le Lézard  ', 'le-lezard'],
    ['Новости', 'topic'],
    ['C++ & AI!', 'c-ai'],
  ])('%j → %j', (name, slug) => expect(topicSlug(name)).toBe(slug));
});

describe('scripts/dataset.ts --by-topic (child process)', () => {
  it('writes topic bundles and feeds.json beside the main bundle; the same input rebuilds byte for byte', () => {
    const out = tempDir();
    const first = runCli(['build', MARKDOWN, '--out', out, '--by-topic']);
    expect(first.code, first.stderr).toBe(0);
    const catalog = expectCatalogMatchesFiles(out);
    expect(first.stdout).toContain(`${catalog.topics.length} topics (${readdirSync(join(out, 'topics')).length} topic bundles)`);
    expect(catalog.generatedAt).toBe('2023-11-14T22:13:20.000Z');
    const before = Object.fromEntries(walk(out).map((f) => [relative(out, f), readFileSync(f, 'utf8')]));
    expect(runCli(['build', MARKDOWN, '--out', out, '--by-topic']).code).toBe(0);
    expect(Object.fromEntries(walk(out).map((f) => [relative(out, f), readFileSync(f, 'utf8')]))).toEqual(before);
  });

  it('removes the folder of a topic that is gone, and nothing it did not write', () => {
    const input = tempDir();
    const out = tempDir();
    for (const file of markdownFiles(MARKDOWN)) {
      mkdirSync(join(input, file.path, '..'), { recursive: true });
      writeFileSync(join(input, file.path), file.text);
    }
    expect(runCli(['build', input, '--out', out, '--by-topic']).code).toBe(0);
    expect(readCatalog(out).topics.map((t) => t.slug)).toContain('ai-in-robotics');
    // A folder someone else keeps there, beside ours.
    mkdirSync(join(out, 'topics', 'notes'));
    writeFileSync(join(out, 'topics', 'notes', 'readme.txt'), 'not ours');
    for (const file of markdownFiles(input)) writeFileSync(join(input, file.path), file.text.replace(/^\s*- AI in Robotics\n/m, ''));
    const rebuilt = runCli(['build', input, '--out', out, '--by-topic']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(readCatalog(out).topics.map((t) => t.slug)).not.toContain('ai-in-robotics');
    expect(existsSync(join(out, 'topics', 'ai-in-robotics'))).toBe(false);
    expect(existsSync(join(out, 'topics', 'notes', 'readme.txt'))).toBe(true);
    expectCatalogMatchesFiles(out);
  });

  it('writes no catalog and no topic folder without --by-topic', () => {
    const out = tempDir();
    expect(runCli(['build', MARKDOWN, '--out', out]).code).toBe(0);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    expect(existsSync(join(out, 'feeds.json'))).toBe(false);
    expect(existsSync(join(out, 'topics'))).toBe(false);
  });
});

describeWithSharedData('--by-topic on the real sample', () => {
  it('gives every taxonomy topic the folder name everyday-cc uses as its id', () => {
    const dir = join(SHARED_DATA_DIR, '_data', 'topics');
    const entries = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
    expect(entries.length).toBeGreaterThan(20);
    for (const name of entries) {
      // Some taxonomy files hold a second YAML document after `---`; the first is the topic.
      const topic = parseAllDocuments(readFileSync(join(dir, name), 'utf8'))[0]?.toJS() as { _id: string; name: string };
      expect(topicSlug(topic.name), name).toBe(topic._id);
    }
  });

  it('writes a catalog whose topic bundles hold exactly the main bundle’s articles of each topic', () => {
    const out = tempDir();
    const result = runCli(['build', join(SHARED_DATA_DIR, '_news'), '--out', out, '--by-topic']);
    expect(result.code, result.stderr).toBe(0);
    const catalog = expectCatalogMatchesFiles(out);
    const health = catalog.topics.find((t) => t.topic === 'AI in Healthcare');
    expect(health?.manifest).toBe('topics/ai-in-healthcare/manifest.json');
    // Most of the sample is health news, but not all of it (some files lack the topic).
    expect(health?.articleCount).toBeGreaterThan(100);
    expect(health?.articleCount).toBeLessThan(catalog.all.articleCount);
    // Every sample article carries the generic topic, so it is the main bundle, not a second copy.
    expect(catalog.topics.find((t) => t.topic === 'AI')).toMatchObject({ manifest: 'manifest.json', articleCount: catalog.all.articleCount });
  });
});
