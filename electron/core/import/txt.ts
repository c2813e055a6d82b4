import { canonicalize } from '../../../shared/text';
import { boilerplateWarning, removedTexts, stripBoilerplate } from './boilerplate';
import { detectLanguage } from './language';
import type { ImportDraft } from './types';

/**
 * Plain text: the first line is the title when it reads as a headline; the language is read from
 * the text, since a text file cannot say it. Pasted news
 * text often puts one paragraph per line with no blank lines between; such a text is read as one
 * paragraph per line rather than one paragraph with many line breaks. Lines that are plainly page
 * furniture copied along with the article ("ALSO READ: …", an embedded post's signature) are
 * removed and named in the warnings.
 */
export function parseTxt(raw: string, fallbackTitle: string): { draft: ImportDraft; warnings: string[] } {
  let body = raw.replace(/\r\n?/g, '\n');
  const hasBlankLines = /\n[ \t]*\n/.test(body.trim());
  if (!hasBlankLines) body = body.split('\n').join('\n\n');
  const { text, removed } = stripBoilerplate(canonicalize(body));
  return {
    draft: {
      title: titleFrom(text, fallbackTitle),
      source: null,
      url: null,
      author: null,
      publishedAt: null,
      language: detectLanguage(text),
      text,
      ...(removed.length > 0 ? { removed } : {}),
    },
    warnings: boilerplateWarning(removedTexts(removed)),
  };
}

/** The title a text gives itself when nothing else names it: its first line, when that reads as a headline. */
export function titleFrom(text: string, fallback: string): string {
  return headlineOf(text) ?? fallback;
}

const HEADLINE_MAX_CHARS = 150;
const HEADLINE_MAX_WORDS = 20;

/**
 * The first line when it reads as a headline: short, starting with a capital, a digit or a quote
 * rather than mid-sentence, not a link, and not ending as a sentence or a clause does (a headline
 * has no full stop; a lead paragraph pasted first has one). A question or an exclamation can be a
 * headline. The line stays in the text either way: the text is what offsets count in against the
 * file, and headlines carry claims an analyst tags.
 */
export function headlineOf(text: string): string | null {
  const first = text.split('\n')[0]?.trim() ?? '';
  if (first.length === 0 || first.length > HEADLINE_MAX_CHARS) return null;
  if (first.split(/\s+/).length > HEADLINE_MAX_WORDS) return null;
  if (!/\p{L}/u.test(first)) return null;
  if (/^\p{Ll}/u.test(first)) return null;
  if (/^(https?:\/\/|www\.)/i.test(first)) return null;
  if (/[.,;:…\-–—]["'”’»)\]]*$/u.test(first)) return null;
  return first;
}
