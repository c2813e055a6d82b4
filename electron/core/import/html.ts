import { Readability } from '@mozilla/readability';
import { canonicalize } from '../../../shared/text';
import { boilerplateWarning, furnitureWarning, reduceEmbeds, removedTexts, removeFurniture, stripBoilerplate, unlocated } from './boilerplate';
import { blocksOf, isHidden, isScriptLink, NEVER_TEXT, parseDocument, textLength, type DomDocument, type DomElement, type DomNode } from './dom';
import { pageMeta } from './htmlmeta';
import { detectLanguage } from './language';
import { markupBeyondBounds, MAX_ELEMENTS } from './markup-scan';
import { cleanField, hostOf, META_LIMITS } from './meta';
import type { ParseOutcome } from './types';

/**
 * A saved web page (or HTML copied from one). The page is parsed inert and only ever read: no
 * script runs, no resource loads, nothing is rendered. Readability picks the article out of the
 * page; when it finds nothing, the whole body's text is used instead.
 */
export function parseHtml(raw: string, fallbackTitle: string): ParseOutcome {
  // Parsing and article detection grow faster than the page with its nesting: beyond the bounds, refused unparsed.
  const beyond = markupBeyondBounds(raw);
  if (beyond) return { ok: false, reason: beyond };
  const doc = parseDocument(raw);
  const { meta, warnings: metaWarnings } = pageMeta(doc, raw);
  const pageTitle = cleanField(doc.title, META_LIMITS.title);
  defuse(doc);
  const embeds = reduceEmbeds(doc);
  const guessed = removeFurniture(doc);
  const body = doc.body;
  // Readability rearranges the document it reads, so the fallback keeps its own copy.
  const wholeBody = body ? (body.cloneNode(true) as DomElement) : null;

  const warnings: string[] = [...metaWarnings];
  let blocks: string[] = [];
  let article: ReturnType<Readability<DomNode>['parse']> = null;
  try {
    // Readability's typings name the browser's Document; linkedom's document is what it runs on in Node.
    const reader = new Readability<DomNode>(doc as unknown as ConstructorParameters<typeof Readability>[0], { serializer: (node) => node as unknown as DomNode, maxElemsToParse: MAX_ELEMENTS });
    article = reader.parse();
    if (article?.content) blocks = blocksOf(article.content);
  } catch (err) {
    warnings.push(`article detection failed (${(err as Error).message}); used the whole page`);
  }
  if (blocks.join('').trim() === '' && wholeBody) blocks = blocksOf(wholeBody);

  const stripped = stripBoilerplate(canonicalize(blocks.join('\n\n')));
  warnings.push(...furnitureWarning(guessed), ...boilerplateWarning(removedTexts(stripped.removed)));
  const text = stripped.text;
  if (text === '') return { ok: false, reason: 'no article text found in the page' };
  const removed = [...stripped.removed, ...unlocated('page_block', guessed, text), ...unlocated('embed', embeds, text)];

  const title = meta.title ?? cleanField(article?.title, META_LIMITS.title) ?? pageTitle ?? firstHeading(wholeBody) ?? fallbackTitle;
  return {
    ok: true,
    drafts: [
      {
        title,
        source: meta.source ?? cleanField(article?.siteName, META_LIMITS.source) ?? hostOf(meta.url),
        url: meta.url,
        author: meta.author ?? cleanField(article?.byline?.replace(/^\s*by\s+/i, ''), META_LIMITS.author),
        publishedAt: meta.publishedAt,
        language: meta.language ?? detectLanguage(text),
        text,
        ...(removed.length > 0 ? { removed } : {}),
      },
    ],
    warnings,
    problems: [],
  };
}

/**
 * Takes out everything that is code, media or hidden, and every attribute that could make
 * something happen, so no later step (Readability's own DOM work included) can trigger a load.
 * A hidden element holding most of the page's text stays: pages saved while a script or a
 * dialog had the content hidden would otherwise lose the article itself.
 */
function defuse(doc: DomDocument): void {
  const root = doc.documentElement;
  for (const el of [...root.querySelectorAll('*')]) {
    const inert = ['head', 'title', 'meta'].includes(el.localName);
    // A javascript: link is often a real word ("President <a href=javascript:…>Zelenskyy</a>"):
    // only its href goes (below), never its text.
    if (!inert && NEVER_TEXT.has(el.localName)) el.remove();
  }
  const total = Math.max(1, textLength(doc.body));
  for (const el of [...root.querySelectorAll('*')]) {
    if (el.localName !== 'body' && el.localName !== 'html' && isHidden(el) && textLength(el) < total * 0.4) el.remove();
    else stripActiveAttributes(el);
  }
}

const ACTIVE_ATTRIBUTE = /^(on|src$|srcset$|data-src|poster$|background$|action$|formaction$|ping$|style$|lowsrc$|dynsrc$)/i;

function stripActiveAttributes(el: DomElement): void {
  for (const { name } of [...Array.from(el.attributes)]) {
    if (ACTIVE_ATTRIBUTE.test(name)) el.removeAttribute(name);
    else if (name.toLowerCase() === 'href' && isScriptLink(el)) el.removeAttribute(name);
  }
}

function firstHeading(body: DomElement | null): string | null {
  const h = body?.querySelector('h1, h2');
  return h ? cleanField(h.textContent, META_LIMITS.title) : null;
}
