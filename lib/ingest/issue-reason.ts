/**
 * `describeIssue`: the first zod issue of a failed record check as a short human rejection reason.
 * Pure; imported by lib/ingest/normalize.ts and article-draft.ts (sync and the dataset CLI count rejections by it).
 */
import type { z } from 'zod';

/**
 * Turns the first zod issue into a short human reason: `missing title`, `heat is not a number`, `record is not an object`.
 * @param issue the first issue of a failed safeParse
 * @param raw the value that was parsed, to tell "missing" from "wrong type"
 */
export function describeIssue(issue: z.core.$ZodIssue | undefined, raw: unknown): string {
  if (!issue) return 'invalid record';
  if (issue.path.length === 0) return 'record is not an object';
  const field = issue.path.map(String).join('.');
  let value: unknown = raw;
  for (const step of issue.path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  if (value === undefined || value === null) return `missing ${field}`;
  if (issue.code === 'invalid_type') return `${field} is not ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
  return `${field}: ${issue.message}`;
}
