/**
 * `OptionsTopics`: one checkbox per topic, named exactly by the topic (a public test hook): health topics first, the
 * rest under a visible "More topics" group; stored article counts describe a box from outside its label.
 * Presentational, no browser APIs; imported by OptionsApp.
 */
import { formatDate, t, tn } from '../lib/i18n/messages';
import { isHealthTopic, TOPICS, type Topic } from '../lib/model/topics';

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

/**
 * The offered topics split into health topics and the rest, each in {@link topicNames} order.
 * @param names from {@link topicNames}.
 * @param topics the topic list, for ids.
 */
export function topicGroups(names: readonly string[], topics: readonly Topic[] = TOPICS): { health: string[]; more: string[] } {
  const idOf = new Map(topics.map((topic) => [topic.name, topic.id]));
  const health: string[] = [];
  const more: string[] = [];
  for (const name of names) (isHealthTopic({ name, id: idOf.get(name) }) ? health : more).push(name);
  return { health, more };
}

/** The catalog's build day in the UI language, or the raw text when it is not a date. */
function catalogDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatDate(date, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** The topic filter: two visible groups of checkboxes. */
export function OptionsTopics({ selected, counts = [], onToggle, topics = TOPICS, catalogGeneratedAt }: OptionsTopicsProps) {
  const countOf = new Map(counts.map((c) => [c.topic, c.count]));
  const on = new Set(selected);
  const { health, more } = topicGroups(topicNames(selected, counts, topics), topics);
  let index = 0;
  const box = (name: string) => {
    const count = countOf.get(name);
    const countId = `hal-topic-count-${index++}`;
    return (
      <li key={name} class="hal-options-topic">
        <label class="hal-options-check">
          <input
            type="checkbox"
            checked={on.has(name)}
            aria-describedby={count !== undefined ? countId : undefined}
            onChange={(event) => onToggle(name, event.currentTarget.checked)}
          />
          <span>{name}</span>
        </label>
        {count !== undefined ? (
          <span class="hal-muted hal-options-count" id={countId}>
            {tn('options.topics.stored', count)}
          </span>
        ) : null}
      </li>
    );
  };
  return (
    <div class="hal-options-topic-groups">
      <p class="hal-muted">{t('options.topics.help')}</p>
      {health.length ? (
        <fieldset class="hal-options-fieldset" data-testid="health-topics">
          <legend class="hal-options-legend">{t('options.topics.health')}</legend>
          <ul class="hal-options-topics hal-options-topics-health">{health.map(box)}</ul>
        </fieldset>
      ) : null}
      <fieldset class="hal-options-fieldset" data-testid="more-topics">
        <legend class="hal-options-legend">{t('options.topics.more')}</legend>
        <ul class="hal-options-topics">{more.map(box)}</ul>
      </fieldset>
      {catalogGeneratedAt ? (
        <p class="hal-muted hal-options-note" data-testid="topic-catalog">
          {t('options.topics.catalog', catalogDay(catalogGeneratedAt))}
        </p>
      ) : null}
    </div>
  );
}
