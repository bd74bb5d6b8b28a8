/** Every locale says everything English says, and nothing else; every key the code asks for exists. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatCatalog, localeNames } from '../../support/locale-catalog';

const ROOT = join(import.meta.dirname, '../../..');

/** The `$1…$9` a message uses, sorted: a translation must use the same ones. */
function substitutions(message: string): string[] {
  return [...new Set(message.match(/(?<!\$)\$[1-9]/g) ?? [])].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('locale files', () => {
  it('ships English plus German, French and Spanish', () => {
    expect(localeNames()).toEqual(expect.arrayContaining(['en', 'de', 'fr', 'es']));
  });

  it.each(localeNames().filter((name) => name !== 'en'))('%s has exactly the keys English has, with the same substitutions', async (language) => {
    const english = await flatCatalog('en');
    const other = await flatCatalog(language);
    const missing = Object.keys(english).filter((key) => !(key in other));
    const extra = Object.keys(other).filter((key) => !(key in english));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    const mismatched = Object.keys(english).filter((key) => substitutions(english[key]!).join() !== substitutions(other[key]!).join());
    expect(mismatched).toEqual([]);
    const empty = Object.keys(other).filter((key) => other[key]!.trim() === '');
    expect(empty).toEqual([]);
  });

  it('the key comparison catches a missing and an extra key', async () => {
    const english = await flatCatalog('en');
    const broken: Record<string, string> = { ...english, 'only_here': 'x' };
    delete broken['ext_name'];
    expect(Object.keys(english).filter((key) => !(key in broken))).toEqual(['ext_name']);
    expect(Object.keys(broken).filter((key) => !(key in english))).toEqual(['only_here']);
  });

  it('every key the shipped code asks for is in English', async () => {
    const english = await flatCatalog('en');
    const asked: string[] = [];
    for (const dir of ['lib', 'components', 'entrypoints']) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        const source = readFileSync(file, 'utf8');
        for (const match of source.matchAll(/\bt\(\s*'([\w.]+)'/g)) asked.push(`${relative(ROOT, file)}: ${match[1]}`);
        for (const match of source.matchAll(/\btn\(\s*'([\w.]+)'/g)) asked.push(`${relative(ROOT, file)}: ${match[1]}.other`);
      }
    }
    const unknown = asked.filter((entry) => !(entry.split(': ')[1]!.replaceAll('.', '_') in english));
    expect(unknown).toEqual([]);
  });
});
