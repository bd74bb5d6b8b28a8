/**
 * `SearchBox`: instant search over stored titles and excerpts, lightly debounced; results as a RelatedList.
 * Presentational: searching is the caller's `onSearch` (a message to the background); no browser APIs here.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tn } from '../lib/i18n/messages';
import type { Suggestion } from '../lib/model/suggestion';
import { RelatedList } from './related-list';

/** Shorter queries match too much to be useful and would search on every first keystroke. */
export const MIN_QUERY_LENGTH = 2;

/** Wait after the last keystroke before searching: fast enough to feel instant, few wasted searches. */
export const SEARCH_DEBOUNCE_MS = 150;

export interface SearchBoxProps {
  onSearch: (query: string) => Promise<Suggestion[]>;
  onOpen?: (url: string) => void;
  visitedUrls?: ReadonlySet<string>;
  debounceMs?: number;
  /** Accessible name and visible label of the field. */
  label?: string;
  /** Words that occur in the stored articles: the placeholder's examples, and what to try when nothing matches. */
  examples?: readonly string[];
}

/** Splits a message around its `$1` so a control can sit where the language puts the word. */
function aroundSlot(message: (slot: string) => string): [string, string] {
  const slot = '\u0000';
  const text = message(slot);
  const at = text.indexOf(slot);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + slot.length)];
}

type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; query: string }
  | { status: 'done'; query: string; results: Suggestion[] }
  | { status: 'error'; query: string };

/** A labelled search field with instant results; stale answers (slower earlier queries) are dropped. */
export function SearchBox({
  onSearch,
  onOpen,
  visitedUrls,
  debounceMs = SEARCH_DEBOUNCE_MS,
  label,
  examples = [],
}: SearchBoxProps) {
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const sequence = useRef(0);
  // Keep the latest callback without restarting the debounce when the parent re-renders.
  const search = useRef(onSearch);
  search.current = onSearch;

  const run = (raw: string) => {
    const trimmed = raw.trim();
    const ticket = ++sequence.current;
    if (trimmed.length < MIN_QUERY_LENGTH) {
      setState({ status: 'idle' });
      return;
    }
    setState({ status: 'loading', query: trimmed });
    search.current(trimmed).then(
      (results) => {
        if (ticket === sequence.current) setState({ status: 'done', query: trimmed, results });
      },
      () => {
        if (ticket === sequence.current) setState({ status: 'error', query: trimmed });
      },
    );
  };

  useEffect(() => {
    const timer = setTimeout(() => run(query), debounceMs);
    return () => clearTimeout(timer);
  }, [query, debounceMs]);

  let message = '';
  if (state.status === 'loading') message = t('search.searching');
  else if (state.status === 'error') message = t('search.failed');
  else if (state.status === 'done')
    message = state.results.length === 0 ? t('search.noMatches', state.query) : tn('search.results', state.results.length, state.query);
  // When nothing matches, offer a word that does (not the one just tried).
  const tryWord =
    state.status === 'done' && state.results.length === 0
      ? examples.find((word) => word.toLowerCase() !== state.query.toLowerCase())
      : undefined;
  const [tryBefore, tryAfter] = aroundSlot((slot) => t('search.tryExample', slot));
  const tryExample = (word: string) => {
    setQuery(word);
    run(word);
  };

  return (
    <div class="hal-search">
      <form
        role="search"
        class="hal-search-form"
        onSubmit={(event) => {
          event.preventDefault();
          run(query);
        }}
      >
        <label class="hal-search-label">
          <span class="hal-label-text">{label ?? t('search.label')}</span>
          <input
            class="hal-input"
            type="search"
            value={query}
            placeholder={examples.length ? t('search.placeholder', examples.join(', ')) : t('search.placeholderPlain')}
            autocomplete="off"
            spellcheck={false}
            maxLength={200}
            onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
      </form>
      <p class="hal-search-status hal-muted" role="status">
        {tryWord ? (
          <>
            {tryBefore}
            <button type="button" class="hal-link-button" data-testid="search-try" onClick={() => tryExample(tryWord)}>
              <bdi>{tryWord}</bdi>
            </button>
            {tryAfter}
          </>
        ) : (
          message
        )}
      </p>
      {state.status === 'done' && state.results.length > 0 ? (
        <RelatedList
          items={state.results}
          testId="search-results"
          label={t('search.resultsLabel')}
          visitedUrls={visitedUrls}
          onOpen={onOpen}
        />
      ) : null}
    </div>
  );
}
