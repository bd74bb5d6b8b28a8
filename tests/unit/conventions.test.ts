/**
 * House conventions as a test (STYLE.md): the pure core stays pure, modules announce themselves,
 * entrypoints stay thin. Failures say what to do.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

/** The adapter places allowed to touch browser APIs or IndexedDB. */
const ADAPTERS = [/^lib\/browser\//, /^lib\/store\.ts$/];
/** Node-only modules used by the CLI (never bundled into the extension). */
const NODE_ONLY = [/^lib\/bundle-build\.ts$/, /^lib\/front-matter\.ts$/];

describe('lib/ is the pure core', () => {
  for (const file of sourceFiles('lib')) {
    if (ADAPTERS.some((re) => re.test(file))) continue;
    it(`${file} touches no browser API`, () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text, `${file}: move browser calls into lib/browser/ and pass results in`).not.toMatch(/from ['"]wxt\/browser['"]|\bbrowser\.(runtime|tabs|action|storage|alarms)\b|\bchrome\./);
      expect(text, `${file}: only lib/store.ts may import idb`).not.toMatch(/from ['"]idb['"]/);
      if (!NODE_ONLY.some((re) => re.test(file))) {
        expect(text, `${file}: Node built-ins stay in scripts/ and Node-only modules`).not.toMatch(/from ['"]node:/);
      }
    });
  }
});

describe('every module opens with a header that says what it does', () => {
  for (const file of [...sourceFiles('lib'), ...sourceFiles('components'), ...sourceFiles('entrypoints')]) {
    it(file, () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text.trimStart().startsWith('/**'), `${file}: start with /** what it does. what it must not do, or who imports it. */`).toBe(true);
    });
  }
});

describe('components/ are presentational', () => {
  for (const file of sourceFiles('components')) {
    it(`${file} does not talk to the browser`, () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text, `${file}: take data and callbacks as props; the entrypoint sends messages`).not.toMatch(/from ['"]wxt\/browser['"]|lib\/browser\/|\bchrome\./);
    });
  }
});

describe('entrypoints/ are thin wiring', () => {
  for (const file of sourceFiles('entrypoints')) {
    it(`${file} stays small`, () => {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n').length;
      expect(lines, `${file}: move logic into lib/ (pure) or components/ (UI)`).toBeLessThan(260);
    });
  }
});

describe('dataset text is rendered as text', () => {
  for (const file of [...sourceFiles('components'), ...sourceFiles('entrypoints')]) {
    it(`${file} never sets raw HTML`, () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text, `${file}: render strings as children; never inject HTML`).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/);
    });
  }
});
