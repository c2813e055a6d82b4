import type { RemovedKind, RemovedPart } from '../../../shared/ipc/provenance';
import { blocksOf, isElement, textLength, type DomDocument, type DomElement, type DomNode } from './dom';

/**
 * Page furniture that is not part of an article. Only what can be told apart reliably is removed;
 * anything doubtful stays, since a missing sentence is worse for an analyst than a stray line.
 */

const FURNITURE_SELECTOR = [
  'nav', 'footer', 'aside', 'menu',
  '[role="navigation"]', '[role="contentinfo"]', '[role="complementary"]', '[role="banner"]', '[role="search"]',
  '[role="menu"]', '[role="menubar"]', '[role="dialog"]', '[role="alertdialog"]',
].join(',');

/**
 * Class or id tokens naming share bars, teasers, ads, consent banners and the like, matched against
 * whole tokens only: "share-bar" and "related-articles" are furniture, while "ad-hoc-committee" or
 * "shared-services" are not (a word inside a token says nothing). A token is a noise word, with
 * optionally a page-part prefix ("social-share") and layout suffixes ("ad-slot-2", "share-buttons").
 */
const NOISE_WORD =
  'share|shares|sharing|sharebar|sharetools|social|socials|related|newsletter|subscribe|subscription|promo|advert|advertisement|adverts|ad|ads|adslot|sponsored|cookie|cookies|consent|gdpr|breadcrumb|breadcrumbs|comments|outbrain|taboola|recirculation|recommended|trending|popup|modal|paywall';
const NOISE_PREFIX = 'social|post|article|story|site|page|entry|inline|top|bottom|sticky';
const NOISE_SUFFIX =
  'bar|box|buttons?|btns?|links?|tools|icons?|container|wrapper|wrap|widget|list|module|banner|signup|slot|unit|block|section|articles|stories|content|posts|notice|area|panel|placeholder|top|bottom|inline|label|\\d+';
const NOISE_TOKEN = new RegExp(`^(?:(?:${NOISE_PREFIX})[-_])?(?:${NOISE_WORD})(?:[-_](?:${NOISE_SUFFIX}))*$`);

function classTokens(el: DomElement): string[] {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether a class or id token marks page furniture (exported for tests). */
export function isNoiseToken(token: string): boolean {
  return NOISE_TOKEN.test(token.toLowerCase());
}

/**
 * Removes navigation, footers, asides, share bars and teaser boxes. An element holding much of
 * the page's text is kept whatever its class says: article bodies are sometimes named "share-…".
 * Structural furniture (nav, footer, aside, landmark roles) goes without comment, since the page
 * itself says it is not content; what goes because of a class name is returned, so the import
 * report can say what was taken out on a guess.
 */
export function removeFurniture(doc: DomDocument): string[] {
  const body = doc.body;
  if (!body) return [];
  const total = Math.max(1, textLength(body));
  const isBig = (el: DomElement) => textLength(el) > total * 0.4 || el.querySelector('article, main') !== null;
  for (const el of [...body.querySelectorAll(FURNITURE_SELECTOR)]) if (!isBig(el)) el.remove();
  for (const el of [...body.querySelectorAll('header')]) {
    if (!hasAncestor(el, ['article', 'main']) && !isBig(el)) el.remove();
  }
  const removed: string[] = [];
  for (const el of [...body.querySelectorAll('[class], [id]')]) {
    // Inside a block already removed: it went with it, and is not counted twice.
    if (['html', 'body', 'main', 'article'].includes(el.localName) || !hasAncestor(el, ['body'])) continue;
    if (classTokens(el).some(isNoiseToken) && !isBig(el)) {
      const text = blocksOf(el).join(' ').replace(/\s+/g, ' ').trim();
      if (text !== '') removed.push(text);
      el.remove();
    }
  }
  return removed;
}

function hasAncestor(node: DomNode, tags: string[]): boolean {
  for (let p = node.parentNode; p; p = p.parentNode) if (isElement(p) && tags.includes(p.localName)) return true;
  return false;
}

const POST_EMBEDS = ['twitter-tweet', 'twitter-video', 'bluesky-embed', 'mastodon-embed'];
const OPAQUE_EMBEDS = ['instagram-media', 'tiktok-embed', 'fb-post', 'fb-video', 'fb-xfbml-parse-ignore', 'reddit-embed-bq', 'imgur-embed-pub', 'telegram-post'];

/**
 * Embedded social posts. A quoted post's own words are part of what the article reports (a
 * figure, a claim), so its paragraphs stay, and so does its signature ("— Name (@handle) date"),
 * the only place the article says who posted them; other widget chrome goes. Embeds that carry
 * only a caption and widget chrome are removed whole, and their text is returned, so the
 * article's details can list it.
 */
export function reduceEmbeds(doc: DomDocument): string[] {
  const body = doc.body;
  if (!body) return [];
  const removed: string[] = [];
  for (const el of [...body.querySelectorAll('[class]')]) {
    const classes = (el.getAttribute('class') ?? '').toLowerCase().split(/\s+/);
    if (classes.some((c) => OPAQUE_EMBEDS.includes(c))) {
      const text = blocksOf(el).join(' ').replace(/\s+/g, ' ').trim();
      if (text !== '') removed.push(text);
      el.remove();
      continue;
    }
    if (!classes.some((c) => POST_EMBEDS.includes(c))) continue;
    const kept = [...el.querySelectorAll('p')];
    const rest = [...el.childNodes].filter((child) => !(isElement(child) && child.localName === 'p'));
    const signature = rest.map((child) => child.textContent ?? '').join('').replace(/\s+/g, ' ').trim();
    for (const child of rest) child.remove();
    if (kept.length === 0) {
      el.remove();
      continue;
    }
    for (const p of kept) if (p.parentNode !== el) el.append(p);
    if (signature !== '' && isPostSignature(signature)) {
      const line = doc.createElement('p');
      line.textContent = signature;
      el.append(line);
    } else if (signature !== '') {
      removed.push(signature);
    }
  }
  return removed;
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

function shareWords(line: string): string[] | null {
  // A share bar is a handful of short words; a long line is prose, and splitting it is costly.
  if (line.length > 200) return null;
  const words = line.toLowerCase().split(/[\s|•·,/]+/).filter(Boolean);
  return words.length > 0 && words.length <= 10 && words.every((w) => SHARE_WORDS.has(w)) && words.some((w) => SHARE_TRIGGERS.has(w)) ? words : null;
}

/** "Share on Facebook", "Facebook | Twitter | Email", "Share": a share bar copied as text. */
function isShareLine(line: string): boolean {
  const words = shareWords(line);
  return words !== null && (words.length > 1 || words[0] === 'share');
}

/**
 * A single network's name on its own line ("Telegram", "Email") is a share button only beside
 * others; alone it is as likely a heading of the article ("Telegram" above what a channel posted).
 */
function isLoneShareWord(line: string): boolean {
  const words = shareWords(line);
  return words !== null && words.length === 1 && words[0] !== 'share';
}

const MEDIA_LINK = /[ \t]*(?:https?:\/\/)?(?:pic\.twitter\.com|t\.co)\/[A-Za-z0-9]+/g;

/** What kind of page furniture a line is, or null for article text (whatever lines surround it). */
export function boilerplateKind(line: string): RemovedKind | null {
  const t = line.trim();
  if (t === '') return null;
  if (TEASER.test(t)) return 'teaser';
  if (STANDALONE.test(t)) return 'notice';
  if (POST_CREDIT.test(t)) return 'credit';
  if (isShareLine(t)) return 'share';
  return null;
}

/** True for a line that is page furniture rather than article text, whatever lines surround it. */
export function isBoilerplateLine(line: string): boolean {
  return boilerplateKind(line) !== null;
}

/**
 * An embedded post's signature ("— Name / Name (@handle) November 26, 2024"). It is the only
 * place an article says who posted the words quoted above it, so it is content and stays.
 */
export function isPostSignature(line: string): boolean {
  return SIGNATURE.test(line.trim());
}

/**
 * Removes teaser lines ("ALSO READ: …"), media links of embedded posts and share-button lines
 * from canonical text, and says what went and where, so the article's details can list it and
 * put it back. A lone network name goes only in a run of share lines. The text given and the
 * text returned are canonical (shared/text.ts), and each removal's `at` is an offset into the
 * returned text: the end of what was kept before it (`before` and `after` rebuild the break).
 */
export function stripBoilerplate(text: string): { text: string; removed: RemovedPart[] } {
  const paragraphs = text === '' ? [] : text.split('\n\n').map((p) => p.split('\n'));
  const share = paragraphs.flat().map((l) => isShareLine(l.trim()) || isLoneShareWord(l.trim()));
  const removed: RemovedPart[] = [];
  let out = '';
  let index = 0;
  for (const para of paragraphs) {
    let paraOpen = false;
    // Where a line left out would go back: a line of the paragraph being written, else a paragraph of its own.
    const asLine = (kind: RemovedKind, line: string): RemovedPart =>
      out === '' ? { kind, text: line, at: 0, before: '', after: '\n\n', located: true } : { kind, text: line, at: out.length, before: paraOpen ? '\n' : '\n\n', after: '', located: true };
    for (const line of para) {
      const i = index++;
      const kind = boilerplateKind(line) ?? (isLoneShareWord(line.trim()) && (share[i - 1] === true || share[i + 1] === true) ? 'share' : null);
      if (kind) {
        removed.push(asLine(kind, line.trim()));
        continue;
      }
      const { kept, links } = withoutMediaLinks(line);
      if (kept.trim() === '') {
        for (const link of links) removed.push(asLine('media_link', link.text));
        continue;
      }
      const lineStart = out === '' ? 0 : out.length + (paraOpen ? 1 : 2);
      out += out === '' ? kept : paraOpen ? `\n${kept}` : `\n\n${kept}`;
      paraOpen = true;
      for (const link of links) {
        const at = Math.min(link.at, kept.length);
        removed.push({ kind: 'media_link', text: link.text, at: lineStart + at, before: at > 0 ? ' ' : '', after: at < kept.length && at === 0 ? ' ' : '', located: true });
      }
    }
  }
  // Nothing was kept: whatever went stands on its own.
  if (out === '') for (const r of removed) Object.assign(r, { at: 0, before: '', after: '' });
  return { text: out, removed };
}

/** A line without its embedded posts' media links, with where each was in what is kept. */
function withoutMediaLinks(line: string): { kept: string; links: { text: string; at: number }[] } {
  const links: { text: string; at: number }[] = [];
  let kept = '';
  let from = 0;
  for (const m of line.matchAll(MEDIA_LINK)) {
    kept += line.slice(from, m.index);
    from = m.index + m[0].length;
    links.push({ text: m[0].trim(), at: kept.length });
  }
  kept = (kept + line.slice(from)).replace(/[ \t\u00a0]+$/u, '');
  // A link that opened the line leaves the space that followed it.
  const lead = links[0]?.at === 0 ? (/^[ \t]+/.exec(kept)?.[0].length ?? 0) : 0;
  if (lead > 0) kept = kept.slice(lead);
  return { kept, links: links.map((l) => ({ text: l.text, at: Math.max(0, l.at - lead) })) };
}

/** The texts of the removed parts, for the import report. */
export function removedTexts(removed: readonly RemovedPart[]): string[] {
  return removed.map((r) => r.text);
}

/** Parts removed before the article was found in its page: they go back at the end of the text. */
export function unlocated(kind: RemovedKind, texts: readonly string[], text: string): RemovedPart[] {
  return texts.map((t) => ({ kind, text: t, at: text.length, before: text === '' ? '' : '\n\n', after: '', located: false }));
}

/** The warning naming blocks of a page removed because of their class or id, or none. */
export function furnitureWarning(removed: string[]): string[] {
  if (removed.length === 0) return [];
  return [`removed ${removed.length} page block${removed.length === 1 ? '' : 's'} marked as share bars, ads or teasers: ${shown(removed)}`];
}

function shown(removed: string[]): string {
  const first = removed.slice(0, 3).map((r) => JSON.stringify(r.length > 50 ? `${r.slice(0, 49)}…` : r));
  return `${first.join(', ')}${removed.length > 3 ? ` and ${removed.length - 3} more` : ''}`;
}

/** The warning naming removed boilerplate, or none. */
export function boilerplateWarning(removed: string[]): string[] {
  if (removed.length === 0) return [];
  return [`removed ${removed.length} boilerplate item${removed.length === 1 ? '' : 's'}: ${shown(removed)}`];
}
