/**
 * Relevance evaluation of related reading: topical precision@5 and same-story recall@5 for our ranker, the dataset's own `related` lists and plain BM25 (MiniSearch).
 * Pure (no browser APIs, no file access): scripts/eval-related.ts and tests/unit/tools/eval-related.test.ts feed it the sample. Never imported by the extension.
 */
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { planRelated } from '../lib/rank/related';
import { GENERIC_TOPICS } from '../lib/rank/scoring';
import type { Article } from '../lib/model/article';
import { createSearchIndex } from '../lib/rank/search-index';
import { matchKey } from '../lib/match/match-key';

/** Hand labels: each group names the sample paths (`_news/….md`) whose articles report one story. */
export const StoryGroupLabels = z.object({
  about: z.string().optional(),
  groups: z.array(z.object({ name: z.string(), paths: z.array(z.string()).min(1) })),
});
export type StoryGroupLabels = z.infer<typeof StoryGroupLabels>;

/** One method's numbers. */
export interface EvalRow {
  method: string;
  /** Mean over sources of (top-k suggestions carrying the source's specific topic) / k. */
  precisionAtK: number;
  /** Same, but over the suggestions actually returned (a method that returns 2 good ones scores 1). */
  precisionOfReturned: number;
  /** Mean over labelled-group members of (other members found in the top k) / (other members). */
  sameStoryRecallAtK: number;
  /** Same at cut-off 1: is the very first suggestion another report of the story? */
  sameStoryRecallAt1: number;
  /** Share of sources that got at least one suggestion. */
  coverage: number;
}

/** The whole evaluation. */
export interface EvalResult {
  k: number;
  articles: number;
  topicalSources: number;
  storySources: number;
  groupsUsed: number;
  rows: EvalRow[];
}

/** One ranked position: the keys of the URLs it links (a folded suggestion links all its outlets). */
interface Position {
  keys: string[];
  topics?: readonly string[];
}

type Method = (source: Article) => Position[];

/** Match keys of all of an article's URLs. */
function keysOf(article: Article): string[] {
  return [article.urls.web, article.urls.original, article.urls.amp, article.urls.cdnAmp]
    .map((url) => (url ? matchKey(url) : undefined))
    .filter((key): key is string => key !== undefined);
}

/**
 * The source's specific topic: its rarest non-generic topic in the corpus (ties: alphabetical), e.g. "AI in Healthcare",
 * or "Natural Language Processing" for an NLP-in-healthcare piece.
 */
export function specificTopic(article: Article, topicCounts: ReadonlyMap<string, number>): string | undefined {
  return article.topics
    .filter((t) => !GENERIC_TOPICS.has(t))
    .sort((a, b) => (topicCounts.get(a) ?? 0) - (topicCounts.get(b) ?? 0) || a.localeCompare(b))[0];
}

/**
 * Runs the evaluation.
 * @param articles the corpus (already merged by id)
 * @param pathsById which sample paths produced each article (labels name paths)
 * @param labels same-story groups
 * @param k cut-off (default 5)
 */
export function evaluateRelated(
  articles: readonly Article[],
  pathsById: ReadonlyMap<string, readonly string[]>,
  labels: StoryGroupLabels,
  k = 5,
): EvalResult {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const byKey = new Map<string, Article>();
  for (const article of articles) for (const key of keysOf(article)) if (!byKey.has(key)) byKey.set(key, article);
  const topicCounts = new Map<string, number>();
  for (const article of articles) for (const t of new Set(article.topics)) topicCounts.set(t, (topicCounts.get(t) ?? 0) + 1);

  const index = createSearchIndex();
  for (const article of articles) index.add(article);
  const ours: Method = (source) =>
    planRelated({ kind: 'article', article: source }, index)
      .build((id) => byId.get(id))
      .slice(0, k)
      .map((s) => ({
        keys: [s.url, ...(s.alsoCoveredBy ?? []).map((a) => a.url)]
          .map((url) => matchKey(url))
          .filter((key): key is string => key !== undefined),
        topics: s.articleId ? s.topics : undefined,
      }));

  const datasetLists: Method = (source) =>
    source.related.slice(0, k).map((r) => ({ keys: [matchKey(r.url)].filter((key): key is string => key !== undefined) }));

  const mini = new MiniSearch<{ id: string; title: string; excerpt: string }>({
    fields: ['title', 'excerpt'],
    searchOptions: { boost: { title: 2 }, combineWith: 'OR' },
  });
  mini.addAll(articles.map((a) => ({ id: a.id, title: a.title, excerpt: a.excerpt })));
  const bm25: Method = (source) => {
    const selfKeys = new Set(keysOf(source));
    return mini
      .search(`${source.title} ${source.excerpt}`)
      .map((result) => byId.get(String(result.id)))
      .filter((a): a is Article => a !== undefined && a.id !== source.id && !keysOf(a).some((key) => selfKeys.has(key)))
      .slice(0, k)
      .map((a) => ({ keys: keysOf(a), topics: a.topics }));
  };

  // Labelled groups → article ids (a group counts only when it resolves to 2+ distinct articles).
  const idsByPath = new Map<string, string[]>();
  for (const [id, paths] of pathsById) for (const path of paths) idsByPath.set(path, [...(idsByPath.get(path) ?? []), id]);
  const groups = labels.groups
    .map((g) => [...new Set(g.paths.flatMap((p) => idsByPath.get(p) ?? []))])
    .filter((ids) => ids.length >= 2);

  const topical = articles
    .map((article) => ({ article, topic: specificTopic(article, topicCounts) }))
    .filter((s): s is { article: Article; topic: string } => s.topic !== undefined);

  const onTopic = (position: Position, topic: string): boolean => {
    if (position.topics) return position.topics.includes(topic);
    // A bare related entry carries no topics: on topic only when it is a sample article that carries the topic.
    return position.keys.some((key) => byKey.get(key)?.topics.includes(topic) ?? false);
  };

  const run = (method: string, rank: Method): EvalRow => {
    let precision = 0;
    let precisionReturned = 0;
    let returnedSources = 0;
    let covered = 0;
    const cache = new Map<string, Position[]>();
    const ranked = (article: Article) => {
      let positions = cache.get(article.id);
      if (!positions) {
        positions = rank(article);
        cache.set(article.id, positions);
      }
      return positions;
    };
    for (const { article, topic } of topical) {
      const positions = ranked(article);
      const hits = positions.filter((p) => onTopic(p, topic)).length;
      precision += hits / k;
      if (positions.length > 0) {
        covered++;
        returnedSources++;
        precisionReturned += hits / positions.length;
      }
    }
    let recall = 0;
    let recall1 = 0;
    let storySources = 0;
    for (const ids of groups) {
      for (const id of ids) {
        const source = byId.get(id);
        if (!source) continue;
        const positions = ranked(source);
        const others = ids.filter((other) => other !== id);
        const foundIn = (found: Set<string>) =>
          others.filter((other) => keysOf(byId.get(other) as Article).some((key) => found.has(key))).length;
        recall += foundIn(new Set(positions.flatMap((p) => p.keys))) / others.length;
        recall1 += foundIn(new Set(positions.slice(0, 1).flatMap((p) => p.keys))) > 0 ? 1 : 0;
        storySources++;
      }
    }
    return {
      method,
      precisionAtK: precision / Math.max(topical.length, 1),
      precisionOfReturned: precisionReturned / Math.max(returnedSources, 1),
      sameStoryRecallAtK: recall / Math.max(storySources, 1),
      sameStoryRecallAt1: recall1 / Math.max(storySources, 1),
      coverage: covered / Math.max(topical.length, 1),
    };
  };

  return {
    k,
    articles: articles.length,
    topicalSources: topical.length,
    storySources: groups.reduce((n, ids) => n + ids.length, 0),
    groupsUsed: groups.length,
    rows: [run('ours (lib/rank/related.ts)', ours), run('dataset related lists', datasetLists), run('BM25 (MiniSearch)', bm25)],
  };
}

/** The result as a plain-text table. */
export function formatEvalTable(result: EvalResult): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(8);
  const k = result.k;
  const lines = [
    `${result.articles} articles; ${result.topicalSources} sources with a specific topic; ${result.storySources} sources in ${result.groupsUsed} labelled same-story groups`,
    '',
    `${'method'.padEnd(24)} ${`P@${k}`.padStart(8)} ${`P@${k} ret.`.padStart(10)} ${`story R@${k}`.padStart(11)} ${'story@1'.padStart(8)} ${'coverage'.padStart(9)}`,
    ...result.rows.map(
      (r) =>
        `${r.method.padEnd(24)} ${pct(r.precisionAtK)} ${pct(r.precisionOfReturned).padStart(10)} ${pct(r.sameStoryRecallAtK).padStart(11)} ${pct(r.sameStoryRecallAt1)} ${pct(r.coverage).padStart(9)}`,
    ),
  ];
  return lines.join('\n');
}
