/**
 * `describeIssue`: the first zod issue of a failed record check as a rejection `Problem` (`field-missing`, `field-type`),
 * and `refusal`: a failed result carrying the problem and its English technical form. Pure; imported by lib/ingest
 * (sync counts rejections by the problem, the dataset CLI prints the reason).
 */
import type { z } from 'zod';
import { problemText, type ProblemScope, type RecordProblem } from '../model/problem';

/** A failed parse: the problem, and its English technical form for the CLI and logs. */
export interface Refusal {
  ok: false;
  problem: RecordProblem;
  reason: string;
}

/** The failed result for `problem`. */
export function refusal(problem: RecordProblem): Refusal {
  return { ok: false, problem, reason: problemText(problem) };
}

/**
 * Turns the first zod issue into a rejection problem: `missing title`, `heat is not a number`, `record is not an object`.
 * @param issue the first issue of a failed safeParse
 * @param raw the value that was parsed, to tell "missing" from "wrong type"; without it every issue is "invalid"
 * @param scope the envelope the record is (a manifest, a shard), when it is not an article record
 */
export function describeIssue(issue: z.core.$ZodIssue | undefined, raw: unknown, scope?: ProblemScope): RecordProblem {
  if (!issue) return { code: 'invalid', scope: scope ?? 'record' };
  if (issue.path.length === 0) return raw === undefined ? { code: 'field-invalid', field: 'value', ...(scope ? { scope } : {}), detail: issue.message } : { code: 'not-object', scope: scope ?? 'record' };
  const field = issue.path.map(String).join('.');
  let value: unknown = raw;
  for (const step of issue.path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  if (raw !== undefined && (value === undefined || value === null)) return { code: 'field-missing', field, ...(scope ? { scope } : {}) };
  if (raw !== undefined && issue.code === 'invalid_type') return { code: 'field-type', field, expected: issue.expected, ...(scope ? { scope } : {}) };
  return { code: 'field-invalid', field, ...(scope ? { scope } : {}), detail: issue.message };
}
