/**
 * Synthetic corpus for `npm run bench`: deterministic (fixed seed) articles shaped like the real sample
 * (the real everyday-cc sample): title/excerpt lengths, topics, a long tail of providers, URL and AMP
 * shapes, `related` counts, quality/heat. Node only; never imported by the extension.
 */
import { normalizeDraft, type ArticleDraft, type RelatedDraft } from '../lib/ingest/article-draft';
import type { Article } from '../lib/model/article';

/** The seed every corpus is generated from: same size, same bytes. */
export const BENCH_SEED = 0x5eed_2021;
/** Source label of generated articles (replaced by the bundle URL when the extension syncs). */
export const BENCH_SOURCE = 'bench';

/** mulberry32: tiny, fast, good enough for shaping test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Topic frequencies of the Markdown sample (SUMMARY §3): AI 166/166, AI in Healthcare 158/166, then a tail.
const EXTRA_TOPICS: [string, number][] = [
  ['Natural Language Processing', 15 / 166],
  ['AI in Robotics', 12 / 166],
  ['Microsoft AI', 10 / 166],
  ['Machine Learning', 9 / 166],
  ['AI in Autos', 8 / 166],
  ['AI Hardware', 6 / 166],
  ['AI Ethics', 4 / 166],
  ['Computer Vision', 4 / 166],
  ['AWS AI', 4 / 166],
  ['IBM AI', 4 / 166],
  ['Google AI', 2 / 166],
  ['AI in Education', 2 / 166],
];

const DOMAIN_WORDS = (
  'health healthcare hospital patient patients clinical clinician doctor doctors nurse medical medicine diagnosis ' +
  'diagnostic imaging radiology cancer oncology cardiology heart stroke sepsis diabetes covid vaccine drug drugs ' +
  'pharma discovery trial trials genomics protein biotech startup funding raises million series investment market ' +
  'report growth forecast platform model models algorithm algorithms machine learning deep neural network data ' +
  'records ehr privacy ethics bias regulation fda approval clearance device wearable monitoring remote telehealth ' +
  'chatbot assistant language voice triage screening detection prediction risk outcomes workflow burden insurance ' +
  'payer claims mental therapy depression brain alzheimer eye retina skin dermatology pathology lab surgery robot ' +
  'robotic partnership launches announces study researchers university accuracy'
).split(' ');
const COMMON_WORDS = (
  'the a of to and in for on with new how is are will can its from by at as that this more than into about ' +
  'using use help helps could may first next year years today says said industry global company companies world ' +
  'people care system systems time better faster future work team'
).split(' ');
const ORGS = (
  'Google DeepMind Microsoft Nuance Amazon IBM Watson Philips Siemens GE Medtronic Mayo Cleveland Stanford MIT NHS ' +
  'Babylon Tempus Caris PathAI Aidoc Viz Butterfly Verily Epic Cerner Oracle Olive Owkin Insilico Exscientia Recursion'
).split(' ');
const TLDS = ['com', 'com', 'com', 'com', 'org', 'net', 'co.uk', 'io', 'in', 'com.au', 'de', 'news'];
const PROVIDER_STEMS = (
  'health news wire tech daily times post journal report insider today review medical pharma bio market digital ' +
  'world global herald tribune ledger beat zone hub line network weekly'
).split(' ');

interface Provider {
  name: string;
  domain: string;
  host: string;
  /** Path style: 0 dated slug, 1 section/slug, 2 news/id-slug, 3 query id. */
  style: number;
  trailingSlash: boolean;
  /** AMP form used by this site (SUMMARY §5), or -1 for none. */
  amp: number;
}

/** Zipf-ish pick from `n` items: a few large providers, a long tail (the sample has 81 over 166 files). */
function zipf(random: () => number, n: number, s = 1.05): number {
  // Inverse-CDF approximation for a continuous power law on [1, n].
  const u = random();
  const x = Math.pow((Math.pow(n, 1 - s) - 1) * u + 1, 1 / (1 - s));
  return Math.min(n - 1, Math.max(0, Math.floor(x) - 1));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function makeProviders(random: () => number, count: number): Provider[] {
  const out: Provider[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const a = pick(random, PROVIDER_STEMS);
    const b = pick(random, PROVIDER_STEMS);
    const base = `${a}${b}${out.length % 7 === 0 ? out.length : ''}`;
    const domain = `${base}.${pick(random, TLDS)}`;
    if (seen.has(domain)) continue;
    seen.add(domain);
    const title = (w: string) => w[0]!.toUpperCase() + w.slice(1);
    out.push({
      name: `${title(a)} ${title(b)}`,
      domain,
      host: random() < 0.69 ? `www.${domain}` : domain,
      style: Math.floor(random() * 4),
      trailingSlash: random() < 0.37,
      amp: random() < 0.55 ? Math.floor(random() * 6) : -1,
    });
  }
  return out;
}

/** Words drawn with a skew so some terms are common and many are rare, like news text. */
function words(random: () => number, count: number, storyWords: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.3) out.push(pick(random, COMMON_WORDS));
    else if (r < 0.45 && storyWords.length) out.push(pick(random, storyWords));
    else if (r < 0.55) out.push(pick(random, ORGS));
    else out.push(DOMAIN_WORDS[zipf(random, DOMAIN_WORDS.length, 0.9)]!);
  }
  return out;
}

/** Text of about `length` characters, optionally cut mid-sentence (369 of 958 sample excerpts are). */
function sentence(random: () => number, length: number, storyWords: readonly string[]): string {
  const list = words(random, Math.max(3, Math.round(length / 6.5)), storyWords);
  const text = list.join(' ');
  const capital = text[0]!.toUpperCase() + text.slice(1);
  return random() < 0.4 ? capital : `${capital}.`;
}

/** Log-normal-ish length around `median`, clamped. */
function lengthAround(random: () => number, median: number, min: number, max: number): number {
  const g = (random() + random() + random() - 1.5) * 1.2; // ~N(0, 0.6)
  return Math.round(Math.min(max, Math.max(min, median * Math.exp(g * 0.45))));
}

function slugOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

function articleUrl(p: Provider, slug: string, date: string, serial: number): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  const tail = p.trailingSlash ? '/' : '';
  switch (p.style) {
    case 0:
      return `https://${p.host}/${y}/${m}/${d}/${slug}${tail}`;
    case 1:
      return `https://${p.host}/health/${slug}${tail}`;
    case 2:
      return `https://${p.host}/news/${serial}-${slug}${tail}`;
    default:
      return `https://${p.host}/article.php?id=${serial}&s=${slug.slice(0, 24)}`;
  }
}

/** AMP forms seen in the sample: trailing /amp, inner /amp/, ?amp, .amp, amp. host, ?outputType=amp. */
function ampUrl(p: Provider, web: string): string | undefined {
  const u = new URL(web);
  const path = u.pathname.replace(/\/$/, '');
  switch (p.amp) {
    case 0:
      return `${u.origin}${path}/amp/${u.search}`;
    case 1:
      return `${u.origin}/amp${path}${u.search}`;
    case 2:
      return `${u.origin}${path}${u.search ? `${u.search}&amp` : '?amp'}`;
    case 3:
      return `${u.origin}${path}.amp${u.search}`;
    case 4:
      return `https://amp.${p.domain}${path}${u.search}`;
    case 5:
      return `${u.origin}${path}${u.search ? `${u.search}&` : '?'}outputType=amp`;
    default:
      return undefined;
  }
}

function cdnAmpUrl(amp: string): string {
  const u = new URL(amp);
  const host = u.host.replace(/-/g, '--').replace(/\./g, '-');
  return `https://${host}.cdn.ampproject.org/c/s/${u.host}${u.pathname}${u.search}`;
}

/** Quality as in the Markdown sample: 119/166 scored, median 71, a few 0 and a few > 100. */
function quality(random: () => number): number | undefined {
  if (random() < 47 / 166) return undefined;
  if (random() < 0.03) return 0;
  return Math.min(189, Math.max(1, Math.round(71 + (random() + random() + random() - 1.5) * 60)));
}

/** `related` count: 79/166 files have any, 4.2 per list on average, max 21. */
function relatedCount(random: () => number): number {
  if (random() < 87 / 166) return 0;
  return Math.min(21, 1 + Math.floor(-Math.log(1 - random()) * 3.2));
}

export interface GeneratedCorpus {
  /** Articles as the store holds them (normalized by our own rules, source = {@link BENCH_SOURCE}). */
  articles: Article[];
}

/**
 * Generates `size` articles, deterministic for (`size`, `seed`). Publication dates spread over 2019-01 … 2023-12
 * (60 months, so 100k articles make ~1.7k per month shard). About 3% of articles are syndicated copies of another
 * story (same words, another provider), so same-story folding has work to do.
 * @param size number of articles
 * @param seed PRNG seed
 */
export function generateCorpus(size: number, seed = BENCH_SEED): GeneratedCorpus {
  const random = rng(seed);
  const providers = makeProviders(random, Math.max(40, Math.round(size / 40)));
  const articles: Article[] = [];
  const seenIds = new Set<string>();
  const start = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2024, 0, 1) - start;
  const stories: string[][] = [];
  const now = Date.UTC(2024, 0, 2);
  let serial = 100000;
  while (articles.length < size) {
    serial++;
    const p = providers[zipf(random, providers.length)]!;
    const syndicated = stories.length > 0 && random() < 0.03;
    const storyWords = syndicated ? pick(random, stories) : words(random, 4, []).concat(pick(random, ORGS));
    if (!syndicated && random() < 0.05) stories.push(storyWords);
    const title = sentence(random, lengthAround(random, 82, 25, 147), storyWords).replace(/\.$/, '');
    const excerpt = sentence(random, lengthAround(random, 202, 60, 600), storyWords);
    const publishedAt = new Date(start + Math.floor(random() * span)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const web = articleUrl(p, slugOf(title), publishedAt, serial);
    const amp = ampUrl(p, web);
    const topics = ['AI'];
    if (random() < 158 / 166) topics.push('AI in Healthcare');
    for (const [topic, share] of EXTRA_TOPICS) if (random() < share) topics.push(topic);
    const related: RelatedDraft[] = [];
    for (let i = relatedCount(random); i > 0; i--) {
      const rp = providers[zipf(random, providers.length)]!;
      const rt = sentence(random, lengthAround(random, 70, 25, 140), storyWords).replace(/\.$/, '');
      related.push({
        title: rt,
        url: articleUrl(rp, slugOf(rt), publishedAt, serial * 31 + i),
        excerpt: random() < 0.5 ? sentence(random, lengthAround(random, 120, 40, 300), storyWords) : undefined,
        quality: Math.round(random() * 120),
        providerName: rp.name,
        providerDomain: rp.domain,
        publishedAt,
      });
    }
    const q = quality(random);
    const draft: ArticleDraft = {
      title,
      excerpt,
      publishedAt,
      webUrl: web,
      originalUrl: web,
      ampUrl: amp,
      cdnAmpUrl: amp && random() < 0.9 ? cdnAmpUrl(amp) : undefined,
      providerName: p.name,
      providerDomain: p.domain,
      topics,
      quality: q,
      heat: q === undefined ? undefined : Math.max(0, q + Math.round((random() - 0.4) * 60)),
      images: random() < 135 / 166 ? [{ url: `https://img.${p.domain}/${serial}.jpg`, width: 1200, height: 675 }] : [],
      related,
    };
    const result = normalizeDraft(draft, BENCH_SOURCE, now, { decodeEntities: false });
    if (!result.ok || seenIds.has(result.article.id)) continue;
    seenIds.add(result.article.id);
    articles.push(result.article);
  }
  return { articles };
}
