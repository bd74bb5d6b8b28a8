/**
 * `OptionsData`: what the extension holds: counts per topic, the quality histogram, export (settings and articles),
 * import (settings), and clear-all with a confirmation step. Presentational, no browser APIs; imported by OptionsApp.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DataSummary } from '../lib/app/messages';
import { MAX_IMPORT_BYTES } from '../lib/app/settings';
import { exportSettingsPart } from '../lib/app/export';
import { formatNumber, t, tn } from '../lib/i18n/messages';
import { OptionsHistogram } from './options-histogram';

/** What an action came to, shown beside the buttons. */
export type DataActionResult = { ok: boolean; message: string };

export interface OptionsDataProps {
  /** `undefined` while loading. */
  summary: DataSummary | undefined;
  onExport: () => Promise<DataActionResult>;
  /** Gets the chosen file's text. */
  onImport: (text: string) => Promise<DataActionResult>;
  onClear: () => Promise<DataActionResult>;
}

/** The data section. */
export function OptionsData({ summary, onExport, onImport, onClear }: OptionsDataProps) {
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<DataActionResult | undefined>();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const clearRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Focus follows the confirmation step in and back out, so keyboard users stay where they were.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) clearRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const run = (action: () => Promise<DataActionResult>) => {
    setResult(undefined);
    action().then(setResult, (error: unknown) => setResult({ ok: false, message: error instanceof Error ? error.message : String(error) }));
  };

  const importFile = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    // A huge file is never read whole: an export of many articles has its settings first, so only its
    // start is read; anything else that large is refused (the import itself refuses oversized text too).
    run(async () => {
      if (file.size <= MAX_IMPORT_BYTES) return onImport(await file.text());
      const settingsPart = exportSettingsPart(await file.slice(0, MAX_IMPORT_BYTES).text());
      if (settingsPart) return onImport(settingsPart);
      return { ok: false, message: `Not imported: the file is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB; a settings file is a few kB.` };
    });
    // A huge file is refused before it is read (the import itself refuses oversized text too).
    run(() => (file.size > MAX_IMPORT_BYTES ? Promise.resolve({ ok: false, message: t('options.data.tooLarge', MAX_IMPORT_BYTES / 1_000_000) }) : file.text().then(onImport)));
    input.value = ''; // choosing the same file again imports again
  };

  return (
    <div class="hal-options-data">
      {summary ? (
        <>
          <p data-testid="data-count">{t('options.data.count', tn('counts.articles', summary.articleCount))}</p>
          {summary.topics.length ? (
            <table class="hal-options-table">
              <caption class="hal-sr-only">{t('options.data.perTopic')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('options.data.topic')}</th>
                  <th scope="col">{t('options.data.articles')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.topics.map((row) => (
                  <tr key={row.topic}>
                    <th scope="row">{row.topic}</th>
                    <td>{formatNumber(row.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {summary.articleCount ? <OptionsHistogram histogram={summary.histogram} unscored={summary.unscored} /> : null}
        </>
      ) : (
        <p class="hal-muted">{t('options.data.loading')}</p>
      )}

      <div class="hal-options-row">
        <button type="button" class="hal-button" onClick={() => run(onExport)}>
          {t('options.data.export')}
        </button>
        <label class="hal-button hal-options-file">
          {t('options.data.import')}
          <input type="file" accept="application/json,.json" class="hal-sr-only" onChange={importFile} />
        </label>
        {confirming ? null : (
          <button type="button" class="hal-button hal-options-danger" ref={clearRef} onClick={() => setConfirming(true)}>
            {t('options.data.clear')}
          </button>
        )}
      </div>

      {confirming ? (
        <div class="hal-options-confirm" role="group" aria-labelledby="hal-confirm-text">
          <p id="hal-confirm-text">{t('options.data.confirmAll', tn('counts.articles', summary?.articleCount ?? 0))}</p>
          <div class="hal-options-row">
            <button
              type="button"
              class="hal-button hal-options-danger"
              ref={confirmRef}
              onClick={() => {
                setConfirming(false);
                run(onClear);
              }}
            >
              {t('options.data.confirm')}
            </button>
            <button type="button" class="hal-button" onClick={() => setConfirming(false)}>
              {t('options.data.cancel')}
            </button>
          </div>
        </div>
      ) : null}

      {/* Always rendered, so screen readers announce what appears in it. */}
      <div aria-live="polite">
        {result?.ok ? (
          <p class="hal-options-ok" data-testid="data-result">
            {result.message}
          </p>
        ) : null}
      </div>
      {result && !result.ok ? (
        <p class="hal-options-error" role="alert" data-testid="data-result">
          {result.message}
        </p>
      ) : null}
    </div>
  );
}
