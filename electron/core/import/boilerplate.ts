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

const MEDIA_LINK = /\s*(?:https?:\/\/)?(?:pic\.twitter\.com|t\.co)\/[A-Za-z0-9]+/g;

/** True for a line that is page furniture rather than article text, whatever lines surround it. */
export function isBoilerplateLine(line: string): boolean {
  const t = line.trim();
  return t !== '' && (TEASER.test(t) || STANDALONE.test(t) || SIGNATURE.test(t) || POST_CREDIT.test(t) || isShareLine(t));
}

/**
 * Removes teaser lines ("ALSO READ: …"), embedded-post signatures ("— Name (@handle) March 3,
 * 2024"), media links of embedded posts and share-button lines from paragraph text, and says what
 * went so the import report can show it. A lone network name goes only in a run of share lines.
 */
export function stripBoilerplateLines(text: string): { text: string; removed: string[] } {
  const removed: string[] = [];
  const paragraphs = text.split(/\n[ \t]*\n/).map((para) =>
    para.split('\n').map((line) => {
      const links = line.match(MEDIA_LINK);
      if (!links) return line;
      removed.push(...links.map((l) => l.trim()));
      return line.replace(MEDIA_LINK, '');
    }),
  );
  const lines = paragraphs.flat().filter((l) => l.trim() !== '');
  const share = lines.map((l) => isShareLine(l.trim()) || isLoneShareWord(l.trim()));
  const drop = new Set<string>();
  lines.forEach((line, i) => {
    const t = line.trim();
    if (isBoilerplateLine(t) || (isLoneShareWord(t) && (share[i - 1] === true || share[i + 1] === true))) drop.add(line);
  });
  const kept = paragraphs.map((para) =>
    para
      .filter((line) => {
        if (!drop.has(line)) return true;
        removed.push(line.trim());
        return false;
      })
      .join('\n'),
  );
  return { text: kept.filter((p) => p.trim() !== '').join('\n\n'), removed };
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
