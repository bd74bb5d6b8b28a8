/**
 * `OptionsTopics`: one checkbox per topic, named exactly by the topic (CONTRACT.md "Options page"), with stored
 * article counts as a description outside the label. Presentational, no browser APIs; imported by OptionsApp.
 */
import { TOPICS } from '../lib/model/topics';
import { formatCount } from './sync-status-line';

export interface OptionsTopicsProps {
  /** Enabled topic filters, by name. */
  selected: readonly string[];
  /** Stored articles per topic (from `dataSummary`); topics seen only there are listed too. */
  counts?: readonly { topic: string; count: number }[];
  onToggle: (topic: string, on: boolean) => void;
}

/**
 * The topics to offer: the taxonomy first (its order), then topics seen in synced data, then any enabled filter
 * neither knows (so it can still be switched off).
 * @param selected enabled filters.
 * @param counts topics seen in stored articles.
 */
export function topicNames(selected: readonly string[], counts: readonly { topic: string }[] = []): string[] {
  const names = TOPICS.map((t) => t.name);
  const known = new Set(names);
  const seen = counts.map((c) => c.topic).filter((t) => t.trim() && !known.has(t)).sort((a, b) => a.localeCompare(b));
  for (const name of [...seen, ...selected]) if (!known.has(name)) (known.add(name), names.push(name));
  return names;
}

/** The topic filter fieldset. */
export function OptionsTopics({ selected, counts = [], onToggle }: OptionsTopicsProps) {
  const countOf = new Map(counts.map((c) => [c.topic, c.count]));
  const on = new Set(selected);
  return (
    <fieldset class="hal-options-fieldset">
      <legend class="hal-sr-only">Topics</legend>
      <p class="hal-muted" id="hal-topics-help">
        Related reading and top picks come from the topics you tick. Topics with a feed of their own are synced while
        ticked. Articles you visit are always recognised, whatever their topic.
      </p>
      <ul class="hal-options-topics">
        {topicNames(selected, counts).map((name, i) => {
          const count = countOf.get(name);
          const countId = `hal-topic-count-${i}`;
          return (
            <li key={name} class="hal-options-topic">
              <label class="hal-options-check">
                <input
                  type="checkbox"
                  checked={on.has(name)}
                  aria-describedby={count !== undefined ? countId : undefined}
                  onChange={(event) => onToggle(name, event.currentTarget.checked)}
                />
                {name}
              </label>
              {count !== undefined ? (
                <span class="hal-muted hal-options-count" id={countId}>
                  {formatCount(count)} stored
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
