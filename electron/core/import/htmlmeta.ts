import type { ArticleMeta } from '../../../shared/model';
import type { DomDocument } from './dom';
import { cleanField, cleanUrl, META_LIMITS, normalizeLanguage, readPublished } from './meta';

export type PageMeta = { [K in keyof ArticleMeta]: ArticleMeta[K] | null };

type Json = Record<string, unknown>;

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNews|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle)$/;

/**
 * What a saved page says about itself, read before anything is removed from it: Open Graph and
 * article meta tags, JSON-LD, the canonical link, `<time>`, `<html lang>`. The first source that
 * gives a usable value wins, in the order publishers are most careful with.
 */
export function pageMeta(doc: DomDocument, raw: string): { meta: PageMeta; warnings: string[] } {
  const metas = new Map<string, string>();
  for (const el of doc.querySelectorAll('meta')) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? el.getAttribute('http-equiv') ?? '').toLowerCase();
    const content = el.getAttribute('content');
    if (key && content && !metas.has(key)) metas.set(key, content);
  }
  const meta = (...keys: string[]) => keys.map((k) => metas.get(k)).find((v) => v && v.trim() !== '') ?? null;
  const ld = jsonLdArticle(doc);

  const url =
    cleanUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')) ??
    cleanUrl(meta('og:url')) ??
    cleanUrl(typeof ld.url === 'string' ? ld.url : null) ??
    cleanUrl(savedFrom(raw));

  const time = doc.querySelector('article time[datetime]') ?? doc.querySelector('time[datetime]');
  const dates = [
    meta('article:published_time', 'og:article:published_time'),
    ld.datePublished,
    meta('datepublished', 'date', 'pubdate', 'publishdate', 'dc.date.issued', 'dc.date', 'dcterms.created'),
    time?.getAttribute('datetime'),
  ].map(readPublished);
  const published = dates.find((d) => d.value !== null)?.value ?? null;
  // Only when no source gave a usable date is the analyst told why there is none.
  const warnings = published === null ? dates.flatMap((d) => (d.warning ? [d.warning] : [])).slice(0, 1) : [];

  const author =
    personName(meta('author', 'article:author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author')) ??
    personName(ldNames(ld.author)) ??
    null;

  const pageMeta: PageMeta = {
    title: cleanField(meta('og:title', 'twitter:title') ?? ld.headline ?? null, META_LIMITS.title),
    source: cleanField(meta('og:site_name', 'application-name') ?? ldNames(ld.publisher), META_LIMITS.source),
    url,
    author: cleanField(author, META_LIMITS.author),
    publishedAt: published,
    language:
      normalizeLanguage(doc.documentElement.getAttribute('lang') ?? doc.documentElement.getAttribute('xml:lang')) ??
      normalizeLanguage(meta('content-language', 'og:locale', 'language', 'dc.language')) ??
      normalizeLanguage(ld.inLanguage),
  };
  return { meta: pageMeta, warnings };
}

/** An author value that names a person; profile URLs (Open Graph's article:author) are not names. */
function personName(value: string | null): string | null {
  if (!value) return null;
  const name = value.replace(/^\s*by\s+/i, '').trim();
  return name === '' || /^https?:\/\//i.test(name) ? null : name;
}

function ldNames(value: unknown): string | null {
  const list = Array.isArray(value) ? value : [value];
  const names = list
    .map((v) => (typeof v === 'string' ? v : typeof v === 'object' && v !== null ? (v as Json).name : null))
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  return names.length ? names.join(', ') : null;
}

/** The JSON-LD object describing the article, or an empty one. Broken JSON-LD is common and ignored. */
function jsonLdArticle(doc: DomDocument): Json {
  const found: Json[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 5 || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    const obj = value as Json;
    found.push(obj);
    if (obj['@graph']) visit(obj['@graph'], depth + 1);
  };
  for (const script of doc.querySelectorAll('script')) {
    if (!/ld\+json/i.test(script.getAttribute('type') ?? '')) continue;
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // not valid JSON: the other metadata sources still apply
    }
  }
  const isArticle = (o: Json) => [o['@type']].flat().some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t));
  return found.find(isArticle) ?? {};
}

/** Browsers note where a page was saved from in a leading comment: `<!-- saved from url=(0042)https://… -->`. */
function savedFrom(raw: string): string | null {
  return /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(raw.slice(0, 4096))?.[1] ?? null;
}
