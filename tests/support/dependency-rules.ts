/**
 * The dependency rules of the source tree as data, and the check that applies them to one file's
 * imports. Test-only: tests/unit/conventions.test.ts walks the tree with it; docs/architecture.md
 * shows the same table.
 */

/** One folder's rule: which project folders and which packages its files may import. */
export interface FolderRule {
  /** Root-relative folder, e.g. `lib/rank`. */
  folder: string;
  /** Project folders this one may import (itself is always allowed). */
  mayImport: readonly string[];
  /** Package specifiers (exact, or a prefix ending in `/` or `:`) this folder may import. */
  packages: readonly string[];
  /** Why the rule exists, shown when it is broken. */
  why: string;
}

const PURE_PACKAGES = ['zod'];

export const FOLDER_RULES: readonly FolderRule[] = [
  { folder: 'lib/match', mayImport: [], packages: [...PURE_PACKAGES, 'tldts'], why: 'URL keys and page signals are pure and run in the content script: no other lib folder, no browser or storage module' },
  { folder: 'lib/i18n', mayImport: [], packages: ['#i18n'], why: 'the UI\'s words are read through one small module any surface can use; it knows nothing of articles, storage or ranking' },
  { folder: 'lib/model', mayImport: ['lib/match'], packages: PURE_PACKAGES, why: 'the record types and merge rules are pure: no browser, WXT or storage module' },
  { folder: 'lib/ingest', mayImport: ['lib/model', 'lib/match'], packages: [...PURE_PACKAGES, 'entities/'], why: 'source formats become Articles without I/O' },
  { folder: 'lib/store', mayImport: ['lib/model', 'lib/match'], packages: ['idb'], why: 'the store owns IndexedDB and knows nothing of feeds, ranking or the UI' },
  { folder: 'lib/sync', mayImport: ['lib/model', 'lib/match', 'lib/ingest', 'lib/store'], packages: PURE_PACKAGES, why: 'sync takes fetch and the store as arguments; it never ranks or touches browser APIs' },
  { folder: 'lib/rank', mayImport: ['lib/model', 'lib/match'], packages: PURE_PACKAGES, why: 'ranking is pure: it never reads the store or the browser' },
  { folder: 'lib/app', mayImport: ['lib/i18n', 'lib/model', 'lib/match', 'lib/ingest', 'lib/store', 'lib/sync', 'lib/rank'], packages: PURE_PACKAGES, why: 'the background service gets browser effects injected; only lib/browser/ talks to the browser' },
  { folder: 'lib/browser', mayImport: ['lib/i18n', 'lib/model', 'lib/match', 'lib/rank', 'lib/app'], packages: ['wxt/', '@wxt-dev/storage'], why: 'browser adapters are thin and never reach the store, sync or Node tooling' },
  { folder: 'components', mayImport: ['lib/i18n', 'lib/model', 'lib/match', 'lib/rank', 'lib/app'], packages: ['preact', 'preact/'], why: 'components are presentational: data and callbacks come as props, never from the browser, store or sync' },
  { folder: 'entrypoints', mayImport: ['lib/i18n', 'lib/model', 'lib/match', 'lib/ingest', 'lib/store', 'lib/sync', 'lib/rank', 'lib/app', 'lib/browser', 'components'], packages: ['wxt/', '@wxt-dev/', 'preact', 'preact/'], why: 'entrypoints wire the extension; Node tooling never ships in it' },
  { folder: 'tools', mayImport: ['lib/model', 'lib/match', 'lib/ingest', 'lib/rank'], packages: [...PURE_PACKAGES, 'node:', 'yaml', 'minisearch'], why: 'Node-only tooling (dataset build, relevance evaluation) reuses the pure core' },
];

/** The rule for a root-relative source path, or undefined when no rule covers it (tests, scripts, bench). */
export function ruleFor(file: string): FolderRule | undefined {
  return FOLDER_RULES.find((rule) => file.startsWith(`${rule.folder}/`));
}

/** Every import specifier of a TypeScript source: static, re-exports, type-only and dynamic. */
export function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    out.push((match[1] ?? match[2] ?? match[3])!);
  }
  return out;
}

/** Resolves a relative or `@/` specifier to a root-relative path; undefined for a package. */
export function resolveSpecifier(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (!specifier.startsWith('.')) return undefined;
  const parts = file.split('/').slice(0, -1);
  for (const segment of specifier.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

/**
 * The broken rules of one file, each a sentence naming the rule, the import and what to do.
 * @param file root-relative path, e.g. `lib/rank/related.ts`
 * @param source the file's text
 */
export function dependencyViolations(file: string, source: string): string[] {
  const rule = ruleFor(file);
  if (!rule) return [];
  const problems: string[] = [];
  for (const specifier of importSpecifiers(source)) {
    const target = resolveSpecifier(file, specifier);
    if (target === undefined) {
      const allowed = rule.packages.some((p) => (p.endsWith('/') || p.endsWith(':') ? specifier.startsWith(p) || specifier === p.slice(0, -1) : specifier === p));
      if (!allowed) problems.push(`${file} imports package '${specifier}', but ${rule.folder}/ may only import ${rule.packages.join(', ') || 'no packages'}: ${rule.why}.`);
      continue;
    }
    const targetRule = FOLDER_RULES.find((r) => target.startsWith(`${r.folder}/`));
    if (!targetRule) {
      if (!target.startsWith('types/')) problems.push(`${file} imports '${specifier}' from outside the shipped source (${target}): ${rule.folder}/ may only import ${[rule.folder, ...rule.mayImport].map((f) => `${f}/`).join(', ')}.`);
      continue;
    }
    if (targetRule.folder === rule.folder) continue;
    if (!rule.mayImport.includes(targetRule.folder)) {
      problems.push(`${file} imports '${specifier}' (${targetRule.folder}/), but ${rule.folder}/ may only import ${rule.mayImport.map((f) => `${f}/`).join(', ') || 'nothing else in the project'}: ${rule.why}.`);
    }
  }
  return problems;
}
