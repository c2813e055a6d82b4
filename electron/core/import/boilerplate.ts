import { isElement, type DomDocument, type DomElement, type DomNode } from './dom';

/**
 * Page furniture that is not part of an article. Only what can be told apart reliably is removed;
 * anything doubtful stays, since a missing sentence is worse for an analyst than a stray line.
 */

const FURNITURE_SELECTOR = [
  'nav', 'footer', 'aside', 'menu',
  '[role="navigation"]', '[role="contentinfo"]', '[role="complementary"]', '[role="banner"]', '[role="search"]',
  '[role="menu"]', '[role="menubar"]', '[role="dialog"]', '[role="alertdialog"]',
].join(',');

/** Class or id words marking share bars, teasers, ads, consent banners and the like. */
const NOISE_WORDS = new Set([
  'share', 'shares', 'sharing', 'sharebar', 'sharetools', 'social', 'socials', 'related', 'newsletter', 'subscribe',
  'subscription', 'promo', 'advert', 'advertisement', 'adverts', 'ad', 'ads', 'adslot', 'sponsored', 'cookie', 'cookies',
  'consent', 'gdpr', 'breadcrumb', 'breadcrumbs', 'comments', 'outbrain', 'taboola', 'recirculation', 'recommended',
  'trending', 'popup', 'modal', 'paywall',
]);

function classWords(el: DomElement): string[] {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase().split(/[\s_-]+/).filter(Boolean);
}

function textLength(node: DomNode): number {
  return (node.textContent ?? '').replace(/\s+/g, '').length;
}

/**
 * Removes navigation, footers, asides, share bars and teaser boxes. An element holding much of
 * the page's text is kept whatever its class says: article bodies are sometimes named "share-…".
 */
export function removeFurniture(doc: DomDocument): void {
  const body = doc.body;
  if (!body) return;
  const total = Math.max(1, textLength(body));
  const isBig = (el: DomElement) => textLength(el) > total * 0.4 || el.querySelector('article, main') !== null;
  for (const el of [...body.querySelectorAll(FURNITURE_SELECTOR)]) if (!isBig(el)) el.remove();
  for (const el of [...body.querySelectorAll('header')]) {
    if (!hasAncestor(el, ['article', 'main']) && !isBig(el)) el.remove();
  }
  for (const el of [...body.querySelectorAll('[class], [id]')]) {
    if (['html', 'body', 'main', 'article'].includes(el.localName)) continue;
    if (classWords(el).some((w) => NOISE_WORDS.has(w)) && !isBig(el)) el.remove();
  }
}

function hasAncestor(node: DomNode, tags: string[]): boolean {
  for (let p = node.parentNode; p; p = p.parentNode) if (isElement(p) && tags.includes(p.localName)) return true;
  return false;
}

const POST_EMBEDS = ['twitter-tweet', 'twitter-video', 'bluesky-embed', 'mastodon-embed'];
const OPAQUE_EMBEDS = ['instagram-media', 'tiktok-embed', 'fb-post', 'fb-video', 'fb-xfbml-parse-ignore', 'reddit-embed-bq', 'imgur-embed-pub', 'telegram-post'];

/**
 * Embedded social posts. A quoted post's own words are part of what the article reports (a
 * figure, a claim), so its paragraphs stay; the embed's signature, date link and media link go.
 * Embeds that carry only a caption and widget chrome are removed whole.
 */
export function reduceEmbeds(doc: DomDocument): void {
  const body = doc.body;
  if (!body) return;
  for (const el of [...body.querySelectorAll('[class]')]) {
    const classes = (el.getAttribute('class') ?? '').toLowerCase().split(/\s+/);
    if (classes.some((c) => OPAQUE_EMBEDS.includes(c))) {
      el.remove();
      continue;
    }
    if (!classes.some((c) => POST_EMBEDS.includes(c))) continue;
    const kept = [...el.querySelectorAll('p')];
    for (const child of [...el.childNodes]) if (!(isElement(child) && child.localName === 'p')) child.remove();
    if (kept.length === 0) el.remove();
    else for (const p of kept) if (p.parentNode !== el) el.append(p);
  }
}

const TEASER =
  /^(?:also read|read also|also see|see also|also watch|read more|read next|more on this(?: story)?|related(?: stories| articles| content| coverage| news| reading| links)?|recommended(?: stories| reading| for you)?|must read|don['’]t miss|suggested reading|you may also like|you might also like)\s*(?:[:：|»>–—-]|$)/i;

const STANDALONE =
  /^(?:advertisement|advertisment|ad|sponsored(?: content)?|continue reading(?: below)?|story continues below(?: advertisement)?|scroll to continue(?: with content)?|skip advert(?:isement)?|view this post on instagram|this content is not available|image source,.*)$/i;

const SIGNATURE =
  /^[—–-]{1,2}\s*\S.{0,150}\(@[\w.]{1,60}\)\s*(?:\p{L}{3,}\.? \d{1,2},? \d{4}|\d{1,2} \p{L}{3,}\.? \d{4})$/u;

const POST_CREDIT = /^A (?:post|video|photo) shared by .{1,150}\(@[\w.]{1,60}\)/i;

const SHARE_WORDS = new Set([
  'share', 'this', 'article', 'story', 'page', 'on', 'via', 'facebook', 'twitter', 'x', 'whatsapp', 'telegram', 'linkedin',
  'email', 'e-mail', 'mail', 'print', 'copy', 'link', 'pinterest', 'reddit', 'tweet', 'messenger', 'flipboard', 'bluesky',
]);
const SHARE_TRIGGERS = new Set(['share', 'facebook', 'twitter', 'whatsapp', 'telegram', 'linkedin', 'email', 'e-mail', 'print', 'pinterest', 'reddit', 'tweet', 'messenger', 'flipboard', 'bluesky']);

function isShareLine(line: string): boolean {
  const words = line.toLowerCase().split(/[\s|•·,/]+/).filter(Boolean);
  return words.length > 0 && words.length <= 10 && words.every((w) => SHARE_WORDS.has(w)) && words.some((w) => SHARE_TRIGGERS.has(w));
}

const MEDIA_LINK = /\s*(?:https?:\/\/)?(?:pic\.twitter\.com|t\.co)\/[A-Za-z0-9]+/g;

/** True for a line that is page furniture rather than article text. */
export function isBoilerplateLine(line: string): boolean {
  const t = line.trim();
  return t !== '' && (TEASER.test(t) || STANDALONE.test(t) || SIGNATURE.test(t) || POST_CREDIT.test(t) || isShareLine(t));
}

/**
 * Removes teaser lines ("ALSO READ: …"), embedded-post signatures ("— Name (@handle) March 3,
 * 2024"), media links of embedded posts and share-button lines from paragraph text, and says what
 * went so the import report can show it.
 */
export function stripBoilerplateLines(text: string): { text: string; removed: string[] } {
  const removed: string[] = [];
  const paragraphs = text.split(/\n[ \t]*\n/).map((para) =>
    para
      .split('\n')
      .map((line) => {
        const links = line.match(MEDIA_LINK);
        if (!links) return line;
        removed.push(...links.map((l) => l.trim()));
        return line.replace(MEDIA_LINK, '');
      })
      .filter((line) => {
        if (!isBoilerplateLine(line)) return true;
        removed.push(line.trim());
        return false;
      })
      .join('\n'),
  );
  return { text: paragraphs.filter((p) => p.trim() !== '').join('\n\n'), removed };
}

/** The warning naming removed boilerplate, or none. */
export function boilerplateWarning(removed: string[]): string[] {
  if (removed.length === 0) return [];
  const shown = removed.slice(0, 3).map((r) => JSON.stringify(r.length > 50 ? `${r.slice(0, 49)}…` : r));
  const more = removed.length > 3 ? ` and ${removed.length - 3} more` : '';
  return [`removed ${removed.length} boilerplate item${removed.length === 1 ? '' : 's'}: ${shown.join(', ')}${more}`];
}
