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

/** DOM properties whose text a reader sees or hears. */
const TEXT_PROPERTIES = new Set(['title', 'textContent', 'innerText', 'placeholder', 'alt', 'ariaLabel', 'ariaDescription']);
/** Browser calls whose `title` a reader sees (the toolbar button's tooltip). */
const TITLE_CALLS = new Set(['setTitle']);

/** The words of a string literal or template (its literal parts), or undefined for anything else. */
function literalWords(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasWords(node.text) ? node.text : undefined;
  if (ts.isTemplateExpression(node)) {
    const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    return hasWords(parts) ? node.getText() : undefined;
  }
  return undefined;
}

/**
 * Literal user-visible text in plain DOM and browser code (content scripts, the chip, the badge): a
 * text property assigned a string (`frame.title = 'Health AI Lens'`), a text attribute set to one
 * (`setAttribute('aria-label', …)`), or a `title` given to `action.setTitle`. `line: text` per finding.
 */
export function literalDomTexts(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${line + 1}: ${text.trim()}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && TEXT_PROPERTIES.has(node.left.name.text)) {
      const words = literalWords(node.right);
      if (words) report(node, `${node.left.name.text} = ${words}`);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const [first, second] = node.arguments;
      if (method === 'setAttribute' && first && ts.isStringLiteral(first) && TEXT_ATTRIBUTES.has(first.text)) {
        const words = literalWords(second);
        if (words) report(node, `${first.text}="${words}"`);
      }
      if (TITLE_CALLS.has(method) && first && ts.isObjectLiteralExpression(first)) {
        for (const property of first.properties) {
          if (!ts.isPropertyAssignment(property) || property.name.getText(file) !== 'title') continue;
          const words = literalWords(property.initializer);
          if (words) report(property, `${method} title ${words}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Plain TypeScript that builds what a reader sees without JSX: components, entrypoints, browser adapters. */
function domSources(): { path: string; source: string }[] {
  const dirs = ['components', 'lib/browser', 'entrypoints', ...readdirSync(join(ROOT, 'entrypoints'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `entrypoints/${entry.name}`)];
  return dirs.flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .map((name) => ({ path: `${dir}/${name}`, source: readFileSync(join(ROOT, dir, name), 'utf8') })),
  );
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

  it('finds text properties, text attributes and tooltip titles in DOM code, and ignores identifiers and non-text attributes', () => {
    const source = [
      "frame.title = 'Health AI Lens';",
      'chip.setAttribute(\'aria-label\', `Quality ${score}, good`);',
      "browser.action.setTitle({ tabId, title: 'Health AI Lens' });",
      "frame.title = t('pages.sidebarFrameTitle'); style.textContent = CSS; chip.setAttribute('data-score', '59');",
      "chip.setAttribute('role', 'img'); browser.action.setTitle({ tabId, title: badgeTitle(article) });",
    ].join('\n');
    expect(literalDomTexts('a.ts', source)).toEqual(['1: title = Health AI Lens', '2: aria-label="`Quality ${score}, good`"', '3: setTitle title Health AI Lens']);
  });

  it.each(domSources())('$path sets only messages as visible text', ({ path, source }) => {
    expect(literalDomTexts(path, source), `${path} sets literal text; put it in locales/en.yml (and de, fr, es) and use t('…')`).toEqual([]);
  });

  it('the not-yet-translated list holds only files that still have literal text', () => {
    const stale = componentSources().filter(({ path, source }) => NOT_YET_TRANSLATED.has(path) && literalTexts(path, source).length === 0);
    expect(stale.map(({ path }) => path)).toEqual([]);
  });
});

/**
 * English that the sync and ingest would store for the UI: a `FeedError` built from a string, a rejection added as a
 * string, or a failed result whose `reason` is written as a literal (lib/model/problem.ts words every problem, and
 * the UI renders its code through the locale files). `line: text` per finding.
 */
export function storedSentences(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${line + 1}: ${text}`);
  };
  const isText = (node: ts.Node | undefined) => node !== undefined && literalWords(node) !== undefined;
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && node.expression.getText(file) === 'FeedError' && isText(node.arguments?.[0])) report(node, `new FeedError(${literalWords(node.arguments![0])})`);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'add' && /rejections$/i.test(node.expression.expression.getText(file)) && isText(node.arguments[0])) {
      report(node, `rejections.add(${literalWords(node.arguments[0])})`);
    }
    if (ts.isPropertyAssignment(node) && ['reason', 'lastError', 'problem'].includes(node.name.getText(file)) && isText(node.initializer)) report(node, `${node.name.getText(file)}: ${literalWords(node.initializer)}`);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && /\.lastError$/.test(node.left.getText(file)) && isText(node.right)) report(node, `lastError = ${literalWords(node.right)}`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Where feed problems and rejection reasons are made: the sync, the ingest, the feed test, feed URL checks. */
function problemSources(): { path: string; source: string }[] {
  const files = [...['lib/sync', 'lib/ingest'].flatMap((dir) => readdirSync(join(ROOT, dir)).filter((name) => name.endsWith('.ts')).map((name) => `${dir}/${name}`)), 'lib/app/feed-test.ts', 'lib/model/feed-state.ts'];
  return files.map((path) => ({ path, source: readFileSync(join(ROOT, path), 'utf8') }));
}

describe('no English sentence stored for display', () => {
  it('finds sentences given to FeedError, rejections and failure reasons, and ignores problems', () => {
    const source = [
      "throw new FeedError(`HTTP ${status}`, url);",
      "run.rejections.add('missing title', where);",
      "return { ok: false, reason: 'page is not a JSON object' };",
      "state.lastError = 'storage is full';",
      "throw new FeedError({ code: 'http-status', status }, url); rejections.add(result.problem, where); return refusal({ code: 'page-no-items' });",
    ].join('\n');
    expect(storedSentences('a.ts', source)).toEqual([
      '1: new FeedError(`HTTP ${status}`)',
      '2: rejections.add(missing title)',
      '3: reason: page is not a JSON object',
      '4: lastError = storage is full',
    ]);
  });

  it.each(problemSources())('$path stores problems, not sentences', ({ path, source }) => {
    expect(storedSentences(path, source), `${path} stores English text for the UI; add a code to lib/model/problem.ts (with its words in locales/*.yml under problems) and store that`).toEqual([]);
  });
});
