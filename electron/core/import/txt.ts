import { canonicalize } from '../../../shared/text';
import { boilerplateWarning, removedTexts, stripBoilerplate } from './boilerplate';
import type { ImportDraft } from './types';

/**
 * Plain text: the first line is the title when it is short and followed by more text. Pasted news
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
    draft: { title: titleFrom(text, fallbackTitle), source: null, url: null, author: null, publishedAt: null, language: null, text, ...(removed.length > 0 ? { removed } : {}) },
    warnings: boilerplateWarning(removedTexts(removed)),
  };
}

/** A short first paragraph reads as a title; otherwise the file name stands in. */
export function titleFrom(text: string, fallback: string): string {
  const first = text.split('\n')[0]?.trim() ?? '';
  if (first.length > 0 && first.length <= 200) return first;
  return fallback;
}
