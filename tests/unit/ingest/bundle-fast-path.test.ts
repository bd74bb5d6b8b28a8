/**
 * The bundle's hand-written input checks (lib/ingest/bundle-codec.ts) take exactly zod's accept/reject decision, on
 * cases generated from each schema's shape (tests/support/schema-cases.ts), so a field added to a schema cannot drift
 * from its twin unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isBundleArticleInput, isImageInput, isRelatedRefInput } from '../../../lib/ingest/bundle-codec';
import { BundleArticleInput, ImageInput, RelatedRefInput } from '../../../lib/ingest/bundle-schema';
import { schemaCases, twinDisagreements } from '../../support/schema-cases';

const twins = [
  ['BundleArticleInput', BundleArticleInput, isBundleArticleInput],
  ['RelatedRefInput', RelatedRefInput, isRelatedRefInput],
  ['ImageInput', ImageInput, isImageInput],
] as const;

describe('bundle fast-path checks agree with zod on cases generated from each schema', () => {
  for (const [name, schema, twin] of twins) {
    it(`${name} and its twin decide alike`, () => {
      expect(twinDisagreements(schema, twin)).toEqual([]);
    });
  }

  it('generates both accepted and rejected cases for every field, nested ones included', () => {
    const cases = schemaCases(BundleArticleInput);
    const decisions = cases.map((value) => BundleArticleInput.safeParse(value).success);
    expect(decisions.filter(Boolean).length).toBeGreaterThan(20);
    expect(decisions.filter((ok) => !ok).length).toBeGreaterThan(20);
    // A nested field (urls.web) is broken on its own.
    expect(cases.some((value) => typeof value === 'object' && value !== null && (value as { urls?: { web?: unknown } }).urls?.web === 0)).toBe(true);
  });
});

describe('the generated cases catch a drifted twin', () => {
  it('a field added to the schema but not to its twin', () => {
    const grown = BundleArticleInput.extend({ language: z.string() });
    expect(twinDisagreements(grown, isBundleArticleInput)).not.toEqual([]);
  });

  it('an optional field whose type the twin forgets to check', () => {
    const grown = RelatedRefInput.extend({ lang: z.string().optional() });
    const lines = twinDisagreements(grown, isRelatedRefInput);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain('"lang"');
  });

  it('a twin that checks a nested field too loosely', () => {
    const loose = (value: unknown) => isBundleArticleInput(value) || (typeof value === 'object' && value !== null && !Array.isArray(value) && 'title' in value && 'urls' in value && 'publishedAt' in value && typeof (value as { title: unknown }).title === 'string' && typeof (value as { publishedAt: unknown }).publishedAt === 'string');
    expect(twinDisagreements(BundleArticleInput, loose)).not.toEqual([]);
  });

  it('a twin that rejects what the schema allows (a strict twin of a loose object)', () => {
    const strict = (value: unknown) => isImageInput(value) && Object.keys(value as object).every((key) => ['url', 'width', 'height'].includes(key));
    expect(twinDisagreements(ImageInput, strict)).not.toEqual([]);
  });

  it('an extra key on a strict object', () => {
    const strictSchema = z.strictObject({ url: z.string() });
    const ignoresExtras = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { url?: unknown }).url === 'string';
    expect(twinDisagreements(strictSchema, ignoresExtras).join('\n')).toContain('extraKey');
  });
});
