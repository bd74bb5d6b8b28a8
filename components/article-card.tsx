/**
 * `ArticleCard`: the matched article: title, provider line, image, excerpt, topics, quality gauge, heat.
 * Presentational, no browser APIs; imported by Panel. Carries the public `match-title` test hook.
 */
import type { PanelArticle, PanelPercentile } from '../lib/model/panel';
import { HeatIndicator } from './heat-indicator';
import { ProviderLine } from './provider-line';
import { QualityGauge } from './quality-gauge';
import { Thumbnail } from './thumbnail';

export interface ArticleCardProps {
  article: PanelArticle;
  percentile?: PanelPercentile;
}

/**
 * The card for the article the tab shows; every dataset string is rendered as text, each in its own
 * `<bdi>` so a right-to-left override inside one cannot reorder the text around it.
 */
export function ArticleCard({ article, percentile }: ArticleCardProps) {
  return (
    <article class="hal-card">
      <div class="hal-card-head">
        <div class="hal-card-titles">
          <ProviderLine provider={article.provider} publishedAt={article.publishedAt} />
          <h2 class="hal-card-title" data-testid="match-title">
            <bdi>{article.title}</bdi>
          </h2>
        </div>
        <Thumbnail class="hal-card-image" src={article.image} width={88} height={66} provider={article.provider} />
      </div>
      <div class="hal-card-scores">
        <QualityGauge quality={article.quality} percentile={percentile} />
        <HeatIndicator heat={article.heat} />
      </div>
      {article.excerpt.trim() ? <p class="hal-excerpt">
          <bdi>{article.excerpt}</bdi>
        </p> : null}
      {article.topics.length ? (
        <ul class="hal-topics" aria-label="Topics">
          {article.topics.map((topic) => (
            <li key={topic} class="hal-topic">
              <bdi>{topic}</bdi>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
