/**
 * Cases generated from a zod schema's shape, to check a hand-written twin of the schema against zod itself. For every
 * field (nested objects included) the cases hold a valid record and variants with the field missing, of every other
 * type, out of range (negative, fractional, NaN, ±Infinity, empty, huge) and with an extra key. Because the cases come
 * from the schema, a field added to it gets its own cases, and a twin that does not check it fails them.
 * Test-only; used by tests/unit/ingest/bundle-fast-path.test.ts.
 */
import type { z } from 'zod';

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Values of every JSON type and the usual edge cases: each field is tried with each. */
const PROBES: readonly unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  '',
  'x',
  'https://a.test/x',
  'x'.repeat(5000),
  true,
  false,
  [],
  ['x'],
  [1],
  [null],
  {},
  { name: 'n' },
  { url: 1 },
  new Date(0),
];

/** A value the schema accepts (every optional field present, so each can be broken in turn). */
export function validValue(schema: z.ZodType): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return 'https://a.test/valid';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'unknown':
    case 'any':
      return 'anything';
    case 'date':
      return new Date(0);
    case 'literal':
      return (def.values as unknown[])[0];
    case 'optional':
    case 'nullable':
    case 'default':
      return validValue(def.innerType as z.ZodType);
    case 'union':
      return validValue((def.options as z.ZodType[])[0]!);
    case 'array':
      return [validValue(def.element as z.ZodType)];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) out[key] = validValue(field);
      return out;
    }
    default:
      throw new Error(`schema-cases: no generator for zod type '${def.type}'; add one`);
  }
}

/** The object schema under optional/nullable wrappers, or undefined. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = defOf(schema);
  if (def.type === 'object') return def.shape as Record<string, z.ZodType>;
  if (def.type === 'optional' || def.type === 'nullable') return objectShape(def.innerType as z.ZodType);
  return undefined;
}

/** The element schema of an array under optional/nullable wrappers, or undefined. */
function arrayElement(schema: z.ZodType): z.ZodType | undefined {
  const def = defOf(schema);
  if (def.type === 'array') return def.element as z.ZodType;
  if (def.type === 'optional' || def.type === 'nullable') return arrayElement(def.innerType as z.ZodType);
  return undefined;
}

/** Every variant of `value` (valid for `schema`) with one thing changed, at any depth. */
function variants(schema: z.ZodType, value: unknown): unknown[] {
  const out: unknown[] = [];
  const shape = objectShape(schema);
  if (shape && typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    out.push({ ...record, extraKey: 'x' }, { ...record, extraKey: null });
    for (const [key, field] of Object.entries(shape)) {
      const { [key]: _dropped, ...without } = record;
      out.push(without);
      for (const probe of PROBES) out.push({ ...record, [key]: probe });
      for (const inner of variants(field, record[key])) out.push({ ...record, [key]: inner });
    }
  }
  const element = arrayElement(schema);
  if (element && Array.isArray(value) && value.length > 0) {
    for (const probe of PROBES) out.push([probe]);
    for (const inner of variants(element, value[0])) out.push([value[0], inner]);
  }
  return out;
}

/** The generated cases: a valid value, its variants, and non-object roots. */
export function schemaCases(schema: z.ZodType): unknown[] {
  const valid = validValue(schema);
  return [valid, ...PROBES, [valid], ...variants(schema, valid)];
}

/**
 * The generated cases on which a twin and the schema disagree, as readable lines (empty: they agree on all).
 * @param twin the hand-written check that claims to take exactly `schema.safeParse(value).success`
 */
export function twinDisagreements(schema: z.ZodType, twin: (value: unknown) => boolean): string[] {
  const out: string[] = [];
  for (const value of schemaCases(schema)) {
    const expected = schema.safeParse(value).success;
    if (twin(value) !== expected) out.push(`zod says ${expected ? 'valid' : 'invalid'}, twin says otherwise: ${describe(value)}`);
  }
  return out;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (v === undefined ? '<undefined>' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  return (text ?? String(value)).slice(0, 300);
}
