/**
 * `WelcomeCard`: the first-run card: what the toolbar badge means, where the scores come from
 * (A.I. Every Day), and how far the first import has come. Shown from install until dismissed.
 * Presentational, no browser APIs; imported by Panel.
 */
import type { SyncSummary } from '../lib/model/panel';
import { t } from '../lib/i18n/messages';
import { syncingText } from './sync-status-line';

export interface WelcomeCardProps {
  /** The sync state: while the first import runs, its progress in articles. */
  sync?: SyncSummary;
  onDismiss: () => void;
}

/** A short welcome with one "Got it" button. */
export function WelcomeCard({ sync, onDismiss }: WelcomeCardProps) {
  const progress = sync?.state === 'syncing' ? sync.progress : undefined;
  return (
    <section class="hal-welcome" data-testid="welcome" aria-labelledby="hal-welcome-title">
      <h2 class="hal-welcome-title" id="hal-welcome-title">
        {t('welcome.title')}
      </h2>
      <p>{t('welcome.badge')}</p>
      <p>{t('welcome.source')}</p>
      {sync?.state === 'syncing' ? (
        <p class="hal-welcome-progress" data-testid="welcome-progress">
          {syncingText(progress)}
        </p>
      ) : null}
      <button type="button" class="hal-button hal-welcome-dismiss" onClick={onDismiss}>
        {t('welcome.dismiss')}
      </button>
    </section>
  );
}
