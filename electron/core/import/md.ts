import { lexer, type MarkedToken, type Token, type Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';
import { canonicalize } from '../../../shared/text';
import { boilerplateWarning, removedTexts, stripBoilerplate } from './boilerplate';
import { fragmentBlocks } from './dom';
import { cleanField, META_LIMITS, normalizeLanguage, readPublished, safeUrl } from './meta';
import { detectLanguage } from './language';
import { titleFrom } from './txt';
import type { ParseOutcome } from './types';

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/**
 * Markdown: YAML front matter gives the metadata, the body becomes plain text. Markup is dropped,
 * never rendered: emphasis and links keep their words, images go, lists give one item per line
 * (one per paragraph when the list is loose), code keeps its lines, raw HTML is read for its text.
 */
export function parseMarkdown(raw: string, fallbackTitle: string): ParseOutcome {
  const source = raw.replace(/\r\n?/g, '\n');
  const warnings: string[] = [];
  let fields: Record<string, unknown> = {};
  let body = source;
  const front = FRONT_MATTER.exec(source);
  if (front) {
    body = source.slice(front[0].length);
    try {
      const parsed: unknown = parseYaml(front[1] ?? '');
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
      else if (parsed !== null && parsed !== undefined) warnings.push('front matter is not a list of fields; ignored');
    } catch (err) {
      warnings.push(`front matter is not valid YAML (${(err as Error).message.split('\n')[0]}); ignored`);
    }
  }

  const tokens = lexer(body, { gfm: true });
  const paragraphs: string[] = [];
  blocks(tokens, paragraphs);
  const { text, removed } = stripBoilerplate(canonicalize(paragraphs.join('\n\n')));
  warnings.push(...boilerplateWarning(removedTexts(removed)));
  if (text === '') return { ok: false, reason: 'no text in file' };

  const pick = (...keys: string[]) => keys.map((k) => fields[k]).find((v) => v !== undefined && v !== null && v !== '');
  const heading = (tokens as MarkedToken[]).find((t): t is Tokens.Heading => t.type === 'heading');
  const headingText = heading ? canonicalize(inlineText(heading.tokens)).replace(/\s+/g, ' ') : '';
  const published = readPublished(pick('published_at', 'publishedAt', 'published', 'date', 'pubDate'));
  if (published.warning) warnings.push(published.warning);
  return {
    ok: true,
    drafts: [
      {
        title: cleanField(pick('title', 'headline'), META_LIMITS.title) ?? cleanField(headingText, META_LIMITS.title) ?? titleFrom(text, fallbackTitle),
        source: cleanField(pick('source', 'site', 'publisher', 'publication'), META_LIMITS.source),
        url: safeUrl(pick('url', 'link', 'canonical_url', 'canonical', 'source_url')),
        author: cleanField(pick('author', 'authors', 'byline'), META_LIMITS.author),
        publishedAt: published.value,
        language: normalizeLanguage(pick('language', 'lang', 'locale')) ?? detectLanguage(text),
        text,
        ...(removed.length > 0 ? { removed } : {}),
      },
    ],
    warnings,
    problems: [],
  };
}

function blocks(tokens: Token[], out: string[]): void {
  for (const token of tokens as MarkedToken[]) {
    switch (token.type) {
      case 'heading':
      case 'paragraph':
        out.push(inlineText(token.tokens));
        break;
      case 'text':
        out.push(token.tokens ? inlineText(token.tokens) : inlineText([token]));
        break;
      case 'code':
        out.push(token.text);
        break;
      case 'blockquote':
        blocks(token.tokens, out);
        break;
      case 'list':
        if (token.loose) for (const item of token.items) blocks(item.tokens, out);
        else out.push(listLines(token).join('\n'));
        break;
      case 'table':
        out.push([token.header, ...token.rows].map((row) => row.map((cell) => inlineText(cell.tokens).replace(/\n+/g, ' ')).join('\t')).join('\n'));
        break;
      case 'html':
        out.push(...fragmentBlocks(token.text));
        break;
      case 'hr':
      case 'space':
      case 'def':
      case 'checkbox':
        break;
      default: {
        const generic = token as Tokens.Generic;
        if (generic.tokens) blocks(generic.tokens, out);
        else if (typeof generic.text === 'string') out.push(generic.text);
      }
    }
  }
}

/** A tight list's items, one per line, nested lists included. */
function listLines(list: Tokens.List): string[] {
  const lines: string[] = [];
  for (const item of list.items) {
    for (const token of item.tokens as MarkedToken[]) {
      if (token.type === 'list') lines.push(...listLines(token));
      else {
        const inner: string[] = [];
        blocks([token], inner);
        lines.push(...inner.flatMap((p) => p.split('\n')).filter((l) => l.trim() !== ''));
      }
    }
  }
  return lines;
}

/**
 * Inline content as text. It goes through an inert HTML parse because Markdown allows inline HTML
 * and entities: `<script>` content must vanish with its tags, `&amp;` must read as `&`.
 */
function inlineText(tokens: Token[]): string {
  return fragmentBlocks(inlineHtml(tokens)).join('\n\n');
}

const escapeAll = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Entities in Markdown text are meant to be decoded, so only the tag characters are escaped.
const escapeTags = (s: string) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;');

function inlineHtml(tokens: Token[]): string {
  let html = '';
  for (const token of tokens as MarkedToken[]) {
    switch (token.type) {
      case 'text':
        html += token.tokens ? inlineHtml(token.tokens) : escapeTags(token.text);
        break;
      case 'escape':
      case 'codespan':
        html += escapeAll(token.text);
        break;
      case 'br':
        html += '<br>';
        break;
      case 'link':
      case 'strong':
      case 'em':
      case 'del':
        html += inlineHtml(token.tokens);
        break;
      case 'html':
        html += token.text;
        break;
      case 'image':
      case 'checkbox':
        break;
      default: {
        const generic = token as Tokens.Generic;
        if (generic.tokens) html += inlineHtml(generic.tokens);
        else if (typeof generic.text === 'string') html += escapeTags(generic.text);
      }
    }
  }
  return html;
}
