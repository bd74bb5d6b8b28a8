/**
 * `parseFrontMatter`: splits a Markdown file into its YAML front matter and parses it with the `yaml` package.
 * Node/CLI only (scripts/dataset.ts via tools/bundle-build.ts): the extension never parses Markdown, it reads our bundle.
 */
import { parse } from 'yaml';

export type FrontMatterResult = { ok: true; data: unknown; body: string } | { ok: false; reason: string };

/** Front matter larger than this is refused: the sample's largest is ≈ 20 KB; this bounds hostile input. */
export const MAX_FRONT_MATTER_BYTES = 1_000_000;

/**
 * The YAML between a leading `---` line and the next `---` (or `...`) line. Tolerates a BOM and CRLF line ends.
 * @param text the whole Markdown file
 * @returns the YAML text and the body after it, or undefined when the file has no front matter
 */
export function splitFrontMatter(text: string): { yaml: string; body: string } | undefined {
  const source = text.replace(/^\uFEFF/, '');
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) {
    // An empty front matter block: `---\n---`.
    const empty = /^---[ \t]*\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(source);
    return empty ? { yaml: '', body: source.slice(empty[0].length) } : undefined;
  }
  return { yaml: match[1] ?? '', body: source.slice(match[0].length) };
}

/**
 * Parses a Markdown file's front matter (YAML 1.2 core schema: timestamps stay strings, `false` is a boolean).
 * @param text the whole Markdown file
 * @returns the parsed value (unvalidated: run it through lib/ingest/normalize.ts) or a short human reason
 */
export function parseFrontMatter(text: string): FrontMatterResult {
  const split = splitFrontMatter(text);
  if (!split) return { ok: false, reason: 'no front matter' };
  if (split.yaml.length > MAX_FRONT_MATTER_BYTES) return { ok: false, reason: 'front matter too large' };
  let data: unknown;
  try {
    // maxAliasCount guards against alias bombs ("billion laughs").
    data = parse(split.yaml, { maxAliasCount: 100, prettyErrors: false });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `invalid YAML: ${message}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: 'front matter is not a mapping' };
  return { ok: true, data, body: split.body };
}
