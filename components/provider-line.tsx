/**
 * `ProviderLine`: "[letter avatar] Provider name · date". A letter avatar instead of a favicon, because
 * fetching favicons (or asking a favicon service) would tell third parties which sites the user sees.
 * Presentational, no browser APIs; imported by ArticleCard and RelatedItem.
 */
import type { Provider } from '../lib/model/article';
import { t } from '../lib/i18n/messages';
import { PublishedDate } from './published-date';

/** The first letter or digit of a provider's name (or domain), upper-cased; "?" when there is none. */
export function avatarLetter(provider: Provider | undefined): string {
  const source = `${provider?.name ?? ''} ${provider?.domain ?? ''}`;
  const match = /[\p{L}\p{N}]/u.exec(source);
  return match ? match[0].toLocaleUpperCase() : '?';
}

/** A stable hue for a provider so the same outlet always gets the same avatar colour. */
export function avatarHue(key: string): number {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % 360;
}

/** The name to show: the feed's provider name, else its domain, else "Unknown source" in the UI language. */
export function providerName(provider: Provider | undefined): string {
  const name = provider?.name.trim();
  if (name) return name;
  const domain = provider?.domain.trim();
  return domain || t('article.unknownSource');
}

export interface ProviderLineProps {
  provider: Provider | undefined;
  publishedAt?: string;
}

/** Provider avatar, name and publication date on one line. */
export function ProviderLine({ provider, publishedAt }: ProviderLineProps) {
  const name = providerName(provider);
  const domain = provider?.domain.trim();
  return (
    <div class="hal-provider">
      <span
        class="hal-avatar"
        aria-hidden="true"
        style={{ '--hal-avatar-hue': String(avatarHue(domain || name)) }}
      >
        {avatarLetter(provider)}
      </span>
      <bdi class="hal-provider-name" title={domain && domain !== name ? domain : undefined}>
        {name}
      </bdi>
      {publishedAt ? (
        <>
          <span class="hal-dot" aria-hidden="true">
            ·
          </span>
          <PublishedDate class="hal-date" iso={publishedAt} />
        </>
      ) : null}
    </div>
  );
}
