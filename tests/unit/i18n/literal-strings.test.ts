/**
 * The UI's words come from the locale files: a component that renders English text written in its
 * source (a JSX text node, or an aria-label/title/placeholder/alt/label given as a string) fails
 * here with the file, line and text. Dataset text arrives as props and is never a literal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);

/** Components whose words still live in their source; each is translated and removed from this list. */
const NOT_YET_TRANSLATED = new Set<string>([
  'components/article-card.tsx',
  'components/heat-indicator.tsx',
  'components/outlet-record.tsx',
  'components/panel-app.tsx',
  'components/panel.tsx',
  'components/quality-chip.tsx',
  'components/quality-gauge.tsx',
  'components/related-item.tsx',
  'components/search-box.tsx',
  'components/sidebar-shell.tsx',
  'components/sync-status-line.tsx',
]);

/** A string a reader would read: it has letters. Symbols, digits and punctuation alone are not words. */
function hasWords(text: string): boolean {
  return /\p{L}{2,}/u.test(text);
}

/** Literal user-visible text in one TSX source: `line: text` per finding. */
export function literalTexts(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${line + 1}: ${text.trim()}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(file))) {
      const value = node.initializer;
      const literal = value && ts.isStringLiteral(value) ? value : value && ts.isJsxExpression(value) && value.expression && (ts.isStringLiteral(value.expression) || ts.isNoSubstitutionTemplateLiteral(value.expression)) ? value.expression : undefined;
      if (literal && hasWords(literal.text)) report(node, `${node.name.getText(file)}="${literal.text}"`);
    }
    if (ts.isJsxExpression(node) && node.expression && (ts.isStringLiteral(node.expression) || ts.isNoSubstitutionTemplateLiteral(node.expression)) && hasWords(node.expression.text) && !ts.isJsxAttribute(node.parent)) {
      report(node, node.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function componentSources(): { path: string; source: string }[] {
  const out: { path: string; source: string }[] = [];
  for (const dir of ['components', ...readdirSync(join(ROOT, 'entrypoints'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `entrypoints/${entry.name}`)]) {
    for (const name of readdirSync(join(ROOT, dir))) {
      if (name.endsWith('.tsx')) out.push({ path: `${dir}/${name}`, source: readFileSync(join(ROOT, dir, name), 'utf8') });
    }
  }
  return out;
}

describe('no literal UI text in components', () => {
  it('finds text nodes, text attributes and string children, and ignores symbols and expressions', () => {
    const source = `const A = () => (<p title="Open the article" aria-label={label}>Score {value} · <b>{'of 100'}</b> {t('ext.name')} → 12</p>);`;
    expect(literalTexts('a.tsx', source)).toEqual(['1: title="Open the article"', '1: Score', '1: of 100']);
  });

  it.each(componentSources().filter(({ path }) => !NOT_YET_TRANSLATED.has(path)))('$path renders only messages', ({ path, source }) => {
    expect(literalTexts(path, source), `${path} renders literal text; put it in locales/en.yml (and de, fr, es) and render t('…')`).toEqual([]);
  });

  it('the not-yet-translated list holds only files that still have literal text', () => {
    const stale = componentSources().filter(({ path, source }) => NOT_YET_TRANSLATED.has(path) && literalTexts(path, source).length === 0);
    expect(stale.map(({ path }) => path)).toEqual([]);
  });
});
