/**
 * `OptionsTopics`: one checkbox per topic, named exactly by the topic (a public test hook), with stored
 * article counts as a description outside the label. Presentational, no browser APIs; imported by OptionsApp.
 */
import { TOPICS, type Topic } from '../lib/model/topics';
import { formatCount } from './sync-status-line';

export interface OptionsTopicsProps {
  /** Enabled topic filters, by name. */
  selected: readonly string[];
  /** Stored articles per topic (from `dataSummary`); topics seen only there are listed too. */
  counts?: readonly { topic: string; count: number }[];
  onToggle: (topic: string, on: boolean) => void;
  /** Topics and their feeds: the hosted dataset's catalog when there is one (lib/app/topic-catalog.ts), else the built-in list. */
  topics?: readonly Topic[];
  /** When the topic feeds come from a hosted catalog: its build time (ISO). */
  catalogGeneratedAt?: string;
}

/**
 * The topics to offer: the taxonomy first (its order), then topics seen in synced data, then any enabled filter
 * neither knows (so it can still be switched off).
 * @param selected enabled filters.
 * @param counts topics seen in stored articles.
 * @param topics the topic list (built-in or from the hosted catalog).
 */
export function topicNames(selected: readonly string[], counts: readonly { topic: string }[] = [], topics: readonly Topic[] = TOPICS): string[] {
  const names = topics.map((t) => t.name);
  const known = new Set(names);
  const seen = counts.map((c) => c.topic).filter((t) => t.trim() && !known.has(t)).sort((a, b) => a.localeCompare(b));
  for (const name of [...seen, ...selected]) if (!known.has(name)) (known.add(name), names.push(name));
  return names;
}

/** The topic filter fieldset. */
export function OptionsTopics({ selected, counts = [], onToggle, topics = TOPICS, catalogGeneratedAt }: OptionsTopicsProps) {
  const countOf = new Map(counts.map((c) => [c.topic, c.count]));
  const on = new Set(selected);
  return (
    <fieldset class="hal-options-fieldset">
      <legend class="hal-sr-only">Topics</legend>
      <p class="hal-muted" id="hal-topics-help">
        Related reading and top picks come from the topics you tick. Topics with a feed of their own are synced while
        ticked. Articles you visit are always recognised, whatever their topic.
      </p>
      {catalogGeneratedAt ? (
        <p class="hal-muted" data-testid="topic-catalog">
          Topic feeds come from the hosted dataset (built {catalogGeneratedAt.slice(0, 10)}), with quality scores.
        </p>
      ) : null}
      <ul class="hal-options-topics">
        {topicNames(selected, counts, topics).map((name, i) => {
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
