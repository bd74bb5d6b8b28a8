/**
 * `npm run dataset -- build <markdown-dir> --out <dir> [--by-topic]`: every `.md` under the dir → snapshot bundle v2
 * (manifest + month shards); with `--by-topic` also one bundle per topic and the catalog `feeds.json`.
 * Node CLI, I/O only: the pure work is tools/bundle-build.ts. Exit codes: 0 built, 1 nothing to build or I/O error, 2 bad arguments.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildBundle, type BundleFiles } from '../tools/bundle-build';
import { buildTopicBundles } from '../tools/topic-bundles';
import { TOPIC_BUNDLE_DIR } from '../lib/model/feed-catalog';

const USAGE = `usage: npm run dataset -- build <markdown-dir> --out <dir> [--by-topic]

  build       parse every .md under <markdown-dir> (recursively, e.g. _news/ and _archive/_news/)
              and write <dir>/manifest.json plus <dir>/shards/<YYYY-MM>.<hash>.json
  --by-topic  also write one bundle per topic, <dir>/topics/<topic-slug>/manifest.json + shards/,
              and the catalog <dir>/feeds.json (topic → manifest path, article count, date range)

  SOURCE_DATE_EPOCH (seconds), when set, fixes the manifest's generatedAt for reproducible builds.`;

/** Names of the shard files we write, so a rebuild only ever deletes its own stale shards. */
const SHARD_FILE = /^\d{4}-\d{2}\.[0-9a-f]{12}\.json$/;
/** Rejection reasons list at most this many file names each; the count is always complete. */
const MAX_NAMES_PER_REASON = 5;

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if ('help' in args) {
    console.log(USAGE);
    return 0;
  }
  if ('error' in args) {
    console.error(`${args.error}\n\n${USAGE}`);
    return 2;
  }

  const root = resolve(args.input);
  if (!isDirectory(root)) {
    console.error(`not a directory: ${args.input}`);
    return 1;
  }
  const paths = markdownFiles(root);
  if (paths.length === 0) {
    console.error(`no .md files under ${args.input}`);
    return 1;
  }
  const files = paths.map((path) => ({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const now = process.env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? epoch * 1000 : Date.now();
  const build = buildBundle(files, now);

  console.log(`accepted ${build.accepted}, rejected ${build.rejected.length}`);
  printRejections(build.rejected);
  if (build.manifest.articleCount === 0) {
    console.error('no article accepted: nothing written');
    return 1;
  }

  const out = resolve(args.out);
  let catalog: ReturnType<typeof buildTopicBundles> | undefined;
  try {
    catalog = args.byTopic ? buildTopicBundles(build.articles, now) : undefined;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  // Topic bundles first, the main manifest next, the catalog last: a host serving the folder mid-build never lists
  // a manifest or shard that is not there yet.
  for (const topic of catalog?.topics ?? []) writeBundle(join(out, topic.dir), topic.files);
  writeBundle(out, build);
  if (catalog) {
    writeFileSync(join(out, 'feeds.json'), catalog.catalogText);
    removeStaleTopicBundles(join(out, TOPIC_BUNDLE_DIR), new Set(catalog.topics.map((topic) => topic.slug)));
    console.log(`${catalog.catalog.topics.length} topics (${catalog.topics.length} topic bundles) → ${join(out, 'feeds.json')}`);
  }

  const mergedNote = build.merged ? ` (${build.merged} ${build.merged === 1 ? 'file' : 'files'} merged into an article with the same URL)` : '';
  console.log(`${build.manifest.articleCount} articles${mergedNote} in ${build.shards.length} shards → ${join(out, 'manifest.json')}`);
  return 0;
}

/** Shards first, then the stale shards of older builds go (only names we write), the manifest last. */
function writeBundle(dir: string, bundle: BundleFiles): void {
  const shardDir = join(dir, 'shards');
  mkdirSync(shardDir, { recursive: true });
  for (const shard of bundle.shards) writeFileSync(join(dir, shard.file), shard.text);
  const keep = new Set(bundle.shards.map((shard) => shard.file.slice('shards/'.length)));
  for (const name of readdirSync(shardDir)) {
    if (SHARD_FILE.test(name) && !keep.has(name)) rmSync(join(shardDir, name));
  }
  writeFileSync(join(dir, 'manifest.json'), bundle.manifestText);
}

/**
 * Deletes topic folders an older build wrote whose topic is gone, after the catalog stopped listing them. Only a folder
 * that holds nothing but our `manifest.json` and `shards/<month>.<hash>.json` files is touched.
 */
function removeStaleTopicBundles(dir: string, keep: ReadonlySet<string>): void {
  if (!isDirectory(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || keep.has(entry.name)) continue;
    const folder = join(dir, entry.name);
    const names = readdirSync(folder, { withFileTypes: true });
    const ours = names.every((n) => (n.isFile() && n.name === 'manifest.json') || (n.isDirectory() && n.name === 'shards'));
    const shards = names.some((n) => n.name === 'shards') ? readdirSync(join(folder, 'shards'), { withFileTypes: true }) : [];
    if (ours && shards.every((n) => n.isFile() && SHARD_FILE.test(n.name))) rmSync(folder, { recursive: true });
  }
}

type Args = { input: string; out: string; byTopic: boolean } | { error: string } | { help: true };

function parseArgs(argv: string[]): Args {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true };
  const [command, ...rest] = argv;
  if (command === undefined) return { error: 'missing command' };
  if (command !== 'build') return { error: `unknown command: ${command}` };
  let out: string | undefined;
  let byTopic = false;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--out') {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) return { error: '--out needs a directory' };
      out = value;
    } else if (arg.startsWith('--out=')) {
      out = arg.slice('--out='.length);
      if (!out) return { error: '--out needs a directory' };
    } else if (arg === '--by-topic') byTopic = true;
    else if (arg.startsWith('-')) return { error: `unknown option: ${arg}` };
    else positional.push(arg);
  }
  if (positional.length !== 1) return { error: positional.length ? 'expected exactly one <markdown-dir>' : 'missing <markdown-dir>' };
  if (out === undefined) return { error: 'missing --out <dir>' };
  return { input: positional[0] as string, out, byTopic };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Every `.md` file under `dir`, recursively, sorted; dot-folders other than Jekyll's `_…` ones are still walked. */
function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') out.push(...markdownFiles(path));
    } else if (entry.isFile() && entry.name.endsWith('.md')) out.push(path);
  }
  return out;
}

function printRejections(rejected: { path: string; reason: string }[]): void {
  const byReason = new Map<string, string[]>();
  for (const { path, reason } of rejected) byReason.set(reason, [...(byReason.get(reason) ?? []), path]);
  for (const [reason, paths] of [...byReason].sort((a, b) => b[1].length - a[1].length)) {
    const shown = paths.slice(0, MAX_NAMES_PER_REASON).join(', ');
    const more = paths.length > MAX_NAMES_PER_REASON ? `, … and ${paths.length - MAX_NAMES_PER_REASON} more` : '';
    console.log(`  ${paths.length} × ${reason}: ${shown}${more}`);
  }
}

process.exitCode = main(process.argv.slice(2));
