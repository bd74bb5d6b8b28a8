/**
 * The one funnel for unexpected errors: logged with context, never thrown further.
 * Pure (console only); every context imports it.
 */

/**
 * Logs an unexpected error with where it happened.
 * @param error anything thrown.
 * @param context a short label, e.g. `message panel`.
 */
export function logError(error: unknown, context: string): void {
  console.error(`[Health AI Lens] ${context}:`, error);
}
