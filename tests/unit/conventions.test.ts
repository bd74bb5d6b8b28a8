/**
 * House conventions as a test: each folder imports only what its rule allows (tests/support/dependency-rules.ts),
 * the pure core stays pure, modules announce themselves, entrypoints stay thin. Failures say what to do.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependencyViolations, FOLDER_RULES } from '../support/dependency-rules';

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

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('every folder imports only what its rule allows', () => {
  for (const rule of FOLDER_RULES) {
    it(`${rule.folder}/ may import ${rule.mayImport.join(', ') || 'nothing else'} (${rule.why})`, () => {
      const problems = sourceFiles(rule.folder).flatMap((file) => dependencyViolations(file, read(file)));
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }

  it('every source folder of lib/ has a rule', () => {
    const folders = readdirSync(join(ROOT, 'lib')).filter((name) => statSync(join(ROOT, 'lib', name)).isDirectory());
    const loose = readdirSync(join(ROOT, 'lib')).filter((name) => /\.tsx?$/.test(name));
    expect(loose, 'lib/ holds folders only: put each module in the folder of its domain').toEqual([]);
    for (const folder of folders) expect(FOLDER_RULES.map((r) => r.folder), `add a rule for lib/${folder}/ to tests/support/dependency-rules.ts`).toContain(`lib/${folder}`);
  });

  it('catches planted violations and names the rule and the import', () => {
    expect(dependencyViolations('lib/rank/planted.ts', "import type { Store } from '../store/store';")).toEqual([
      expect.stringMatching(/lib\/rank\/planted\.ts imports '\.\.\/store\/store' \(lib\/store\/\), but lib\/rank\/ may only import lib\/model\/, lib\/match\/: ranking is pure/),
    ]);
    expect(dependencyViolations('lib/model/planted.ts', "import { browser } from 'wxt/browser';")[0]).toMatch(/package 'wxt\/browser'.*lib\/model\/ may only import zod/);
    expect(dependencyViolations('lib/match/planted.ts', "import { storage } from '@wxt-dev/storage';")).toHaveLength(1);
    expect(dependencyViolations('entrypoints/background.ts', "import { buildBundle } from '@/tools/bundle-build';")[0]).toMatch(/tools\/.*Node tooling never ships/);
    expect(dependencyViolations('components/planted.tsx', "const m = await import('../lib/browser/messaging');")[0]).toMatch(/components\/ may only import/);
    expect(dependencyViolations('lib/app/planted.ts', "export { x } from '../browser/badge';")).toHaveLength(1);
    expect(dependencyViolations('lib/rank/fine.ts', "import type { Article } from '../model/article';\nimport { z } from 'zod';")).toEqual([]);
  });
});

describe('every module opens with a header that says what it does', () => {
  for (const file of [...sourceFiles('lib'), ...sourceFiles('components'), ...sourceFiles('entrypoints'), ...sourceFiles('tools')]) {
    it(file, () => {
      expect(read(file).trimStart().startsWith('/**'), `${file}: start with /** what it does. what it must not do, or who imports it. */`).toBe(true);
    });
  }
});

describe('comments speak in the repository\'s own terms', () => {
  for (const file of [...sourceFiles('lib'), ...sourceFiles('components'), ...sourceFiles('entrypoints'), ...sourceFiles('tools')]) {
    it(`${file} points at no issue number or outside document`, () => {
      expect(read(file), `${file}: say the reason itself, or point at docs/architecture.md`).not.toMatch(/\b[Ii]ssue #?\d+|\b(CONTRACT|DESIGN|STYLE|SUMMARY)\.md/);
    });
  }
});

describe('components/ are presentational', () => {
  for (const file of sourceFiles('components')) {
    it(`${file} does not talk to the browser`, () => {
      expect(read(file), `${file}: take data and callbacks as props; the entrypoint sends messages`).not.toMatch(/\bchrome\.|\bbrowser\.(runtime|tabs|storage)\b/);
    });
  }
});

describe('the pure core never reaches browser globals', () => {
  // lib/store owns IndexedDB and lib/i18n reads the browser's message catalogue: that is their job.
  const pure = FOLDER_RULES.filter((r) => r.folder.startsWith('lib/') && !['lib/browser', 'lib/store', 'lib/i18n'].includes(r.folder));
  for (const file of pure.flatMap((r) => sourceFiles(r.folder))) {
    it(file, () => {
      expect(read(file), `${file}: move browser calls into lib/browser/ and pass results in`).not.toMatch(/\bbrowser\.(runtime|tabs|action|storage|alarms|scripting)\b|\bchrome\.|\bindexedDB\b/);
    });
  }
});

describe('entrypoints/ are thin wiring', () => {
  for (const file of sourceFiles('entrypoints')) {
    it(`${file} stays small`, () => {
      expect(read(file).split('\n').length, `${file}: move logic into lib/ (pure) or components/ (UI)`).toBeLessThan(260);
    });
  }
});

describe('dataset text is rendered as text', () => {
  for (const file of [...sourceFiles('components'), ...sourceFiles('entrypoints')]) {
    it(`${file} never sets raw HTML`, () => {
      expect(read(file), `${file}: render strings as children; never inject HTML`).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/);
    });
  }
});
