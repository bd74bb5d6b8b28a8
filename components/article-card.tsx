/**
 * `ArticleCard`: the matched article under the verdict: provider line, title, image, excerpt, and a
 * quiet line of topics and heat. Presentational, no browser APIs; imported by Panel. Carries the
 * public `match-title` test hook.
 */
import type { PanelArticle } from '../lib/model/panel';
import { t } from '../lib/i18n/messages';
import { HeatIndicator } from './heat-indicator';
import { ProviderLine } from './provider-line';
import { Thumbnail } from './thumbnail';

export interface ArticleCardProps {
  article: PanelArticle;
}

/**
 * The card for the article the tab shows; every dataset string is rendered as text, each in its own
 * `<bdi>` so a right-to-left override inside one cannot reorder the text around it. The image sits
 * in a fixed box beside the text; without one the text simply takes the width.
 */
export function ArticleCard({ article }: ArticleCardProps) {
  return (
    <article class="hal-card" data-has-image={article.image ? 'true' : 'false'}>
      <div class="hal-card-head">
        <div class="hal-card-titles">
          <ProviderLine provider={article.provider} publishedAt={article.publishedAt} />
          <h2 class="hal-card-title" data-testid="match-title">
            <bdi>{article.title}</bdi>
          </h2>
        </div>
        <Thumbnail class="hal-card-image" src={article.image} width={72} height={54} provider={article.provider} />
      </div>
      {article.excerpt.trim() ? (
        <p class="hal-excerpt">
          <bdi>{article.excerpt}</bdi>
        </p>
      ) : null}
      <div class="hal-card-details">
        {article.topics.length ? (
          <ul class="hal-topics" aria-label={t('article.topics')}>
            {article.topics.map((topic) => (
              <li key={topic} class="hal-topic">
                <bdi>{topic}</bdi>
              </li>
            ))}
          </ul>
        ) : null}
        <HeatIndicator heat={article.heat} />
      </div>
    </article>
  );
}
