/**
 * `EmptyState`: a titled message with an optional action, for "nothing here" and error states.
 * Presentational, no browser APIs; imported by Panel.
 */
import type { ComponentChildren } from 'preact';

export interface EmptyStateProps {
  title: string;
  children?: ComponentChildren;
  /** One button, e.g. "Sync now". */
  action?: { label: string; onClick: () => void };
  /** `data-testid` for the wrapper (the no-match state uses `no-match`). */
  testId?: string;
  /** Heading level of the title (default 2). */
  headingLevel?: 2 | 3;
}

/** A short explanation of an empty state, with at most one action. */
export function EmptyState({ title, children, action, testId, headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div class="hal-empty" data-testid={testId}>
      <Heading class="hal-empty-title">{title}</Heading>
      {children ? <div class="hal-empty-body">{children}</div> : null}
      {action ? (
        <button type="button" class="hal-button" onClick={action.onClick}>
          {action.label}
        </button>
      ) : null}
    </div>
  );
}
