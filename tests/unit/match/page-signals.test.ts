/** lib/match/page-signals.ts on happy-dom documents: links and og tags, article markers, limits. */
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { isArticlePage, readPageSignals } from '../../../lib/match/page-signals';
import { PageSignals } from '../../../lib/app/messages';

const PAGE_URL = 'https://www.example-news.com/2024/05/01/clinic-pilots-triage-model/?utm_source=x';

function doc(head: string, body = '<p>Text.</p>'): Document {
  const window = new Window({ url: PAGE_URL });
  window.document.write(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  return window.document as unknown as Document;
}

describe('readPageSignals', () => {
  it('a page that declares nothing reports its URL and title only (the one-query fast path)', () => {
    expect(readPageSignals(doc('<meta charset="utf-8"><title> Lemon cake </title><meta name="viewport" content="width=device-width">'), PAGE_URL)).toEqual({
      url: PAGE_URL,
      isArticle: false,
      title: 'Lemon cake',
    });
  });

  it('any one signal alone is still read: the fast path never hides it', () => {
    const alone: [string, Partial<PageSignals>][] = [
      ['<meta property="og:type" content="article">', { ogType: 'article', isArticle: true }],
      ['<meta property="og:title" content="OG title">', { title: 'OG title' }],
      ['<meta property="og:description" content="OG description">', { description: 'OG description' }],
      ['<meta name="description" content="Plain description">', { description: 'Plain description' }],
      ['<meta property="og:site_name" content="Example News">', { siteName: 'Example News' }],
      ['<meta property="og:url" content="https://www.example-news.com/a">', { ogUrl: 'https://www.example-news.com/a' }],
      ['<link rel="Canonical" href="/a">', { canonical: 'https://www.example-news.com/a' }],
      ['<link rel="amphtml" href="/a/amp">', { amphtml: 'https://www.example-news.com/a/amp' }],
      ['<script type="application/ld+json">{"@type":"NewsArticle"}</script>', { isArticle: true }],
    ];
    for (const [head, expected] of alone) {
      expect(readPageSignals(doc(`<title>T</title>${head}`), PAGE_URL), head).toEqual({ url: PAGE_URL, isArticle: false, title: 'T', ...expected });
    }
  });

  it('reads canonical, og:url, amphtml, og tags and description, resolving relative links', () => {
    const signals = readPageSignals(
      doc(`<title>Page title | Example News</title>
        <link rel="canonical" href="/2024/05/01/clinic-pilots-triage-model/">
        <link rel="amphtml" href="https://amp.example-news.com/2024/05/01/clinic-pilots-triage-model/">
        <meta property="og:url" content="https://www.example-news.com/2024/05/01/clinic-pilots-triage-model/">
        <meta property="og:type" content="article">
        <meta property="og:title" content="  Clinic pilots triage model  ">
        <meta property="og:description" content="A made-up description.">
        <meta property="og:site_name" content="Example News">`),
      PAGE_URL,
    );
    expect(signals).toEqual({
      url: PAGE_URL,
      canonical: 'https://www.example-news.com/2024/05/01/clinic-pilots-triage-model/',
      ogUrl: 'https://www.example-news.com/2024/05/01/clinic-pilots-triage-model/',
      amphtml: 'https://amp.example-news.com/2024/05/01/clinic-pilots-triage-model/',
      ogType: 'article',
      isArticle: true,
      title: 'Clinic pilots triage model',
      description: 'A made-up description.',
      siteName: 'Example News',
    });
    expect(PageSignals.safeParse(signals).success).toBe(true);
  });

  it('falls back to <title> and meta description; a plain page is not an article', () => {
    const signals = readPageSignals(doc('<title>Lemon cake</title><meta name="description" content="Flour and sugar.">'), PAGE_URL);
    expect(signals).toEqual({ url: PAGE_URL, isArticle: false, title: 'Lemon cake', description: 'Flour and sugar.' });
  });

  it('drops non-http(s) and oversized links, clips texts to the message limits', () => {
    const long = 'x'.repeat(9000);
    const signals = readPageSignals(
      doc(`<link rel="canonical" href="javascript:alert(1)"><link rel="amphtml" href="https://e.com/${long}">
        <meta property="og:url" content="data:text/html,hi"><meta property="og:title" content="${long}">
        <meta property="og:description" content="${long}">`),
      PAGE_URL,
    );
    expect(signals.canonical).toBeUndefined();
    expect(signals.amphtml).toBeUndefined();
    expect(signals.ogUrl).toBeUndefined();
    expect(signals.title).toHaveLength(2000);
    expect(signals.description).toHaveLength(5000);
    expect(PageSignals.safeParse(signals).success).toBe(true);
  });

  it('writes nothing to the document', () => {
    const d = doc('<title>T</title><link rel="canonical" href="/a">');
    const before = d.documentElement.outerHTML;
    readPageSignals(d, PAGE_URL);
    expect(d.documentElement.outerHTML).toBe(before);
  });
});

describe('isArticlePage', () => {
  const ld = (json: string) => doc(`<script type="application/ld+json">${json}</script>`);

  it.each([
    ['og:type article', doc('<meta property="og:type" content="article">')],
    ['og:type with a subtype', doc('<meta property="og:type" content="Article:news">')],
    ['JSON-LD NewsArticle', ld('{"@context":"https://schema.org","@type":"NewsArticle","headline":"H"}')],
    ['JSON-LD type list', ld('{"@type":["WebPage","ReportageNewsArticle"]}')],
    ['JSON-LD @graph', ld('{"@graph":[{"@type":"Organization"},{"@type":"BlogPosting"}]}')],
    ['JSON-LD array of nodes', ld('[{"@type":"WebSite"},{"@type":"http://schema.org/Article"}]')],
  ])('%s is an article', (_name, d) => {
    expect(isArticlePage(d)).toBe(true);
  });

  it.each([
    ['og:type website', doc('<meta property="og:type" content="website">')],
    ['JSON-LD Organization', ld('{"@type":"Organization","name":"Article Makers"}')],
    ['JSON-LD Article only in a text field', ld('{"@type":"WebPage","description":"a NewsArticle about posting"}')],
    ['malformed JSON-LD', ld('{"@type":"NewsArticle",')],
    ['no markers at all', doc('<title>Article</title>')],
  ])('%s is not an article', (_name, d) => {
    expect(isArticlePage(d)).toBe(false);
  });
});
