/**
 * `npm run eval:related`: prints topical precision@5 and same-story recall@5 of our ranker beside the dataset's own related lists and plain BM25 (MiniSearch), over ../shared/data.
 * Node script (tsx); the evaluation itself is tools/eval-related.ts, the sample is read through the product pipeline by tests/support/sample-articles.ts. Sample root: SHARED_DATA_DIR or ../shared/data/everyday-cc.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { evaluateRelated, formatEvalTable, StoryGroupLabels } from '../tools/eval-related';
import { loadSampleArticles } from '../tests/support/sample-articles';

const root = resolve(process.env.SHARED_DATA_DIR ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'everyday-cc'));
if (!existsSync(join(root, '_news'))) {
  console.error(`Real data not found at ${root} (set SHARED_DATA_DIR).`);
  process.exit(1);
}

const reader = {
  files(dir: string, suffix: string): string[] {
    const out: string[] = [];
    const walk = (folder: string) => {
      for (const name of readdirSync(folder).sort()) {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith(suffix)) out.push(relative(root, path));
      }
    };
    if (existsSync(join(root, dir))) walk(join(root, dir));
    return out;
  },
  text: (path: string) => readFileSync(join(root, path), 'utf8'),
};

const labels = StoryGroupLabels.safeParse(
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'tests', 'fixtures', 'story-groups.json'), 'utf8')),
);
if (!labels.success) {
  console.error(`tests/fixtures/story-groups.json is malformed: ${labels.error.message}`);
  process.exit(1);
}
const { articles, pathsById, records, rejected } = loadSampleArticles(reader);
console.log(
  `Loaded ${articles.length} articles via lib/ingest/normalize.ts + lib/model/merge.ts from ${records.markdown} Markdown files and ${records.apiItems} API items (${rejected.length} rejected)`,
);
for (const { source, reason } of rejected) console.log(`  rejected ${source}: ${reason}`);
const started = performance.now();
const result = evaluateRelated(articles, pathsById, labels.data);
console.log(formatEvalTable(result));
console.log(`\n(evaluated in ${Math.round(performance.now() - started)} ms)`);
const [ours, ...baselines] = result.rows;
// Ours must be ahead of every baseline on both numbers.
const behind = baselines.filter(
  (b) => !ours || ours.precisionAtK <= b.precisionAtK || ours.sameStoryRecallAtK <= b.sameStoryRecallAtK,
);
if (behind.length > 0) {
  console.error(`Ours is not ahead of: ${behind.map((b) => b.method).join(', ')}`);
  process.exit(1);
}
console.log(`Ours is ahead of every baseline on P@${result.k} and story R@${result.k}.`);
