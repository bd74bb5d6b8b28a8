/**
 * `OptionsData`: what the extension holds: counts per topic, the quality histogram, export (settings and articles),
 * import (settings), and clear-all with a confirmation step. Presentational, no browser APIs; imported by OptionsApp.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DataSummary } from '../lib/app/messages';
import { MAX_IMPORT_BYTES } from '../lib/app/settings';
import { exportSettingsPart } from '../lib/app/export';
import { OptionsHistogram } from './options-histogram';
import { articleCountText, formatCount } from './sync-status-line';

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
    input.value = ''; // choosing the same file again imports again
  };

  return (
    <div class="hal-options-data">
      {summary ? (
        <>
          <p data-testid="data-count">{articleCountText(summary.articleCount)} stored on this device.</p>
          {summary.topics.length ? (
            <table class="hal-options-table">
              <caption class="hal-sr-only">Stored articles per topic</caption>
              <thead>
                <tr>
                  <th scope="col">Topic</th>
                  <th scope="col">Articles</th>
                </tr>
              </thead>
              <tbody>
                {summary.topics.map((t) => (
                  <tr key={t.topic}>
                    <th scope="row">{t.topic}</th>
                    <td>{formatCount(t.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {summary.articleCount ? <OptionsHistogram histogram={summary.histogram} unscored={summary.unscored} /> : null}
        </>
      ) : (
        <p class="hal-muted">Reading stored data…</p>
      )}

      <div class="hal-options-row">
        <button type="button" class="hal-button" onClick={() => run(onExport)}>
          Export settings and articles
        </button>
        <label class="hal-button hal-options-file">
          Import settings
          <input type="file" accept="application/json,.json" class="hal-sr-only" onChange={importFile} />
        </label>
        {confirming ? null : (
          <button type="button" class="hal-button hal-options-danger" ref={clearRef} onClick={() => setConfirming(true)}>
            Clear all data…
          </button>
        )}
      </div>

      {confirming ? (
        <div class="hal-options-confirm" role="group" aria-labelledby="hal-confirm-text">
          <p id="hal-confirm-text">
            Delete {summary ? articleCountText(summary.articleCount) : 'every stored article'} and every feed's sync state from this
            device? Settings stay. The next sync downloads everything again.
          </p>
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
              Delete all data
            </button>
            <button type="button" class="hal-button" onClick={() => setConfirming(false)}>
              Cancel
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
