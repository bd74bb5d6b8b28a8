// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Panel } from '../../../components/panel';
import { BAND_COLORS } from '../../../lib/rank/quality';

afterEach(cleanup);

const CSS_PATH = join(import.meta.dirname, '..', '..', '..', 'components', 'lens.css');

/** Split a selector list on commas outside parentheses (`:where(a, b)` stays whole). */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

/** Every selector list of lens.css (outside @keyframes), comments stripped. */
function selectors(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@keyframes[^{]+\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
  const out: string[] = [];
  for (const match of text.matchAll(/([^{}]+)\{/g)) {
    const prelude = match[1]!.trim();
    if (prelude.startsWith('@')) continue;
    out.push(...splitTopLevel(prelude));
  }
  return out;
}

describe('components/lens.css', () => {
  const css = readFileSync(CSS_PATH, 'utf8');

  it('scopes every rule to a hal- class, so it is safe in a shadow root and on any page', () => {
    const list = selectors(css);
    expect(list.length).toBeGreaterThan(40);
    const unscoped = list.filter((selector) => !/^\.hal-[\w-]+/.test(selector));
    expect(unscoped, 'start each selector with a .hal- class; the entries style body/:host themselves').toEqual([]);
  });

  it('has a dark scheme and keeps badge text white on the AA band colours', () => {
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)/);
    expect(css).toMatch(/\.hal-band-label,\s*\.hal-chip \{[^}]*color: #ffffff/);
    expect(Object.keys(BAND_COLORS)).toHaveLength(5);
  });

  it('shows a visible focus ring for keyboard users', () => {
    expect(css).toMatch(/:focus-visible \{[^}]*outline: 2px solid/);
  });
});

describe('Panel inside a shadow root', () => {
  it('keeps the CONTRACT hooks queryable from the shadow root', () => {
    const host = document.createElement('health-ai-lens');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const container = document.createElement('div');
    root.append(container);
    render(
      <Panel
        model={{
          kind: 'matched',
          article: {
            id: 'x',
            title: 'Made-up matched title',
            excerpt: 'Made-up excerpt.',
            publishedAt: '2023-04-01T00:00:00Z',
            url: 'https://www.example.com/story',
            provider: { name: 'Example', domain: 'example.com' },
            topics: ['AI in Healthcare'],
            quality: 59,
          },
          related: [
            { url: 'https://other.example.com/a', title: 'Made-up related', score: 1, reasons: [], fromDataset: true },
          ],
          sync: { state: 'idle', articleCount: 10, errors: [], offline: false },
        }}
        onRetry={() => {}}
        onSearch={async () => []}
      />,
      { container },
    );
    expect(document.querySelector('[data-testid="match-title"]')).toBeNull();
    expect(root.querySelector('[data-testid="match-title"]')?.textContent).toBe('Made-up matched title');
    expect(root.querySelector('[data-testid="quality-score"]')?.textContent).toBe('59');
    expect(root.querySelector('[data-testid="related-list"] a[href]')?.getAttribute('href')).toBe('https://other.example.com/a');
    // No ids: two panels (popup + sidebar, or two sidebars) never collide.
    expect(root.querySelectorAll('[id]')).toHaveLength(0);
    host.remove();
  });
});
