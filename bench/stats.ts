/** Percentiles and table formatting for bench/run.ts. Pure; no I/O. */

/** Nearest-rank percentile of `values` (0 < p ≤ 100); NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

/** Median, p95, p99, min, max of a sample. */
export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

/** A measure taken in rounds: each round summarized, and the spread of the rounds' medians and p95s. */
export interface Rounds extends Summary {
  /** Every sample, by round. */
  samples: number[][];
  rounds: Summary[];
  /** Median, min and max over the rounds' medians (the table's "median (min–max)"). */
  medianOfRounds: { median: number; min: number; max: number };
  /** The same over the rounds' p95s. */
  p95OfRounds: { median: number; min: number; max: number };
}

/** Summary of every sample, plus per-round summaries and their spread (`Summary` fields: all samples pooled). */
export function summarizeRounds(rounds: readonly (readonly number[])[]): Rounds {
  const each = rounds.map((r) => summarize(r));
  const spread = (values: number[]) => {
    const kept = values.filter((v) => !Number.isNaN(v));
    return { median: percentile(kept, 50), min: kept.length ? Math.min(...kept) : Number.NaN, max: kept.length ? Math.max(...kept) : Number.NaN };
  };
  return { ...summarize(rounds.flat()), samples: rounds.map((r) => [...r]), rounds: each, medianOfRounds: spread(each.map((r) => r.median)), p95OfRounds: spread(each.map((r) => r.p95)) };
}

/** "median (min–max)" of a spread, for the table. */
export function fmtSpread(spread: { median: number; min: number; max: number } | undefined, unit = 'ms'): string {
  if (!spread) return '—';
  return `${fmt(spread.median, unit)} (${fmt(spread.min, '')}–${fmt(spread.max, '')})`;
}

/** A number for the table: ms with sensible precision. */
export function fmt(value: number | undefined, unit = 'ms'): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

/** Left-aligned text table with a header rule. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
