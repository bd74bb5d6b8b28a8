/**
 * lib/match/match-key.ts against every article URL in the real everyday-cc sample (JSON feeds, Markdown front
 * matter, related items): each field and generated variants reach the article; no two pages collide.
 */
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { articleMatchKeys, candidateMatchKeys, matchKey, type MatchableUrls } from '../../../lib/match/match-key';
import { describeWithSharedData, readShared, readSharedJson, sharedFiles } from '../../support/shared-data';

interface SampleArticle {
  /** Where it came from, for failure messages. */
  from: string;
  urls: MatchableUrls;
}

type Loose = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function urlsOf(record: Loose): MatchableUrls | undefined {
  const web = str(record.webUrl);
  if (web === undefined) return undefined;
  return {
    web,
    original: str(record.originalUrl),
    amp: str(record.ampWebUrl),
    cdnAmp: str(record.cdnAmpWebUrl),
  };
}

/** YAML between the first two `---` lines (a URL may contain `---`, so split on whole lines). */
function frontMatter(text: string): Loose {
  const lines = text.split(/\r?\n/);
  const end = lines.indexOf('---', 1);
  if (lines[0] !== '---' || end < 0) throw new Error('no front matter');
  return parseYaml(lines.slice(1, end).join('\n')) as Loose;
}

function loadSample(): SampleArticle[] {
  const out: SampleArticle[] = [];
  for (const file of sharedFiles('api', 'index.json')) {
    const page = readSharedJson(file) as { value?: Loose[] };
    for (const [i, item] of (page.value ?? []).entries()) {
      const urls = urlsOf(item);
      if (urls) out.push({ from: `${file}#${i}`, urls });
    }
  }
  for (const file of sharedFiles('_news', '.md')) {
    const data = frontMatter(readShared(file));
    const urls = urlsOf(data);
    if (urls) out.push({ from: file, urls });
    const related = Array.isArray(data.related) ? (data.related as Loose[]) : [];
    for (const [i, item] of related.entries()) {
      const relatedUrls = urlsOf(item);
      if (relatedUrls) out.push({ from: `${file} related[${i}]`, urls: relatedUrls });
    }
  }
  return out;
}

/** `<host with - doubled, . → ->.cdn.ampproject.org/c/s/<host>/<path>`, as Google's cache names it. */
function cdnForm(url: URL): string {
  const dashed = url.hostname.replaceAll('-', '--').replaceAll('.', '-');
  return `https://${dashed}.cdn.ampproject.org/c/s/${url.host}${url.pathname}${url.search}`;
}

/** Spellings a reader may arrive by, generated from one URL of the sample. */
function variantsOf(raw: string): string[] {
  const url = new URL(raw);
  const variants = [raw];
  const with_ = (edit: (u: URL) => void): string => {
    const copy = new URL(url);
    edit(copy);
    return copy.href;
  };
  variants.push(with_((u) => (u.protocol = u.protocol === 'https:' ? 'http:' : 'https:')));
  variants.push(
    with_((u) => (u.hostname = u.hostname.startsWith('www.') ? u.hostname.slice(4) : `www.${u.hostname}`)),
  );
  variants.push(with_((u) => (u.hostname = u.hostname.toUpperCase())));
  variants.push(with_((u) => u.searchParams.append('utm_source', 'newsletter')));
  variants.push(`${raw}${url.search ? '&' : '?'}fbclid=IwAR0xyz&utm_medium=social`);
  variants.push(with_((u) => (u.hash = 'comments')));
  variants.push(
    with_((u) => (u.pathname = u.pathname.endsWith('/') ? u.pathname.replace(/\/+$/, '') : `${u.pathname}/`)),
  );
  if (!url.hostname.endsWith('.cdn.ampproject.org')) {
    variants.push(cdnForm(url));
    variants.push(`https://www.google.com/amp/s/${url.host}${url.pathname}${url.search}`);
  }
  return variants;
}

describeWithSharedData('matching on the real everyday-cc sample', () => {
  const sample = loadSample();

  it('reads every JSON item, Markdown article and related item', () => {
    // SUMMARY.md §5: 458 JSON records, 166 Markdown articles, 334 related items.
    expect(sample.length).toBe(458 + 166 + 334);
  });

  it('maps every URL field and every generated variant to its own article', () => {
    const misses: string[] = [];
    let checked = 0;
    for (const { from, urls } of sample) {
      const indexed = new Set(articleMatchKeys(urls));
      for (const field of [urls.web, urls.original, urls.amp, urls.cdnAmp]) {
        if (field === undefined) continue;
        for (const variant of variantsOf(field)) {
          checked++;
          if (!candidateMatchKeys(variant).some((key) => indexed.has(key))) {
            misses.push(`${from}: ${variant} → ${candidateMatchKeys(variant).join(' | ')} ∉ ${[...indexed].join(' | ')}`);
          }
        }
      }
    }
    expect(misses).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('gives the web URL and its AMP URL one key when the AMP URL is the web URL plus a generic AMP form', () => {
    // Oracle independent of lib/match/match-key.ts: the AMP URL is textually the web URL with one generic suffix
    // or `amp.` host. Site-specific AMP paths (openpr `/amp/<id>`, benzinga `/amp/content/<id>`) are
    // not generic and are reached through articleMatchKeys' separate AMP key instead.
    const suffixes = ['/amp', '/amp/', '.amp', '?amp', '?amp=1', '?amp=true', '?outputType=amp', '?context=amp'];
    const split: string[] = [];
    let pairs = 0;
    for (const { from, urls } of sample) {
      const { web, amp } = urls;
      if (amp === undefined || amp === web) continue;
      const bare = web.replace(/\/$/, '');
      const ampHost = web.replace(/^https?:\/\/(?:www\.)?/, (prefix) => `${prefix.slice(0, prefix.indexOf('//') + 2)}amp.`);
      const generic = suffixes.some((suffix) => amp === bare + suffix || amp === web + suffix) || amp === ampHost;
      if (!generic) continue;
      pairs++;
      if (matchKey(amp) !== matchKey(web)) split.push(`${from}: ${web} vs ${amp}`);
    }
    expect(split).toEqual([]);
    // SUMMARY.md §5 counts 142 trailing `/amp(/)` alone, so the oracle must have found many pairs.
    expect(pairs).toBeGreaterThan(100);
  });

  it('never gives two different web URLs one key unless they are the same page', () => {
    const byKey = new Map<string, Set<string>>();
    for (const { urls } of sample) {
      const key = matchKey(urls.web) as string;
      byKey.set(key, (byKey.get(key) ?? new Set()).add(urls.web));
    }
    const collisions = [...byKey.values()].filter((webs) => webs.size > 1).map((webs) => [...webs].sort());
    if (collisions.length > 0) console.info('webUrls sharing a key:', collisions);
    // Each collision must differ only by spelling (scheme, www, trailing slash, tracking), never by path.
    for (const webs of collisions) {
      const paths = new Set(webs.map((web) => new URL(web).pathname.replace(/\/+$/, '')));
      expect(paths.size, webs.join(' vs ')).toBe(1);
    }
  });

  it('never lets one article claim another article’s keys', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const { urls } of sample) {
      const web = matchKey(urls.web) as string;
      for (const key of articleMatchKeys(urls)) {
        const previous = owner.get(key);
        // Records of one page (same web key) may repeat; a different page may not share any key.
        if (previous !== undefined && previous !== web) clashes.push(`${key}: ${previous} vs ${web}`);
        else owner.set(key, web);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('never matches an article from its site root', () => {
    const hits: string[] = [];
    for (const { from, urls } of sample) {
      const indexed = new Set(articleMatchKeys(urls));
      const root = `${new URL(urls.web).origin}/`;
      if (candidateMatchKeys(root).some((key) => indexed.has(key))) hits.push(`${from}: ${root}`);
    }
    expect(hits).toEqual([]);
  });
});
