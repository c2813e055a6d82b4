import type { AnyAttrs, Annotation, Article, ArticleDraft, Label } from '../../../../shared/model';
import { canonicalize } from '../../../../shared/text';
import { insertArticle } from '../../store/articles';
import { insertAnnotation } from '../../store/annotations';
import type { Db } from '../../store/db';

/**
 * A small corpus that exercises every way offsets go wrong: astral characters (a flag, an emoji
 * with a skin tone, a ZWJ family, mathematical digits) before spans, combining marks that NFC
 * keeps, Cyrillic and Arabic, overlapping and nested spans, spans across paragraphs and lines,
 * notes with tabs, quotes, commas and newlines, every attribute, and an orphaned annotation.
 */
export interface Corpus {
  articles: Article[];
  /** Every annotation, orphaned included. */
  annotations: Annotation[];
  byQuote(quote: string): Annotation;
}

const KYIV = canonicalize(
  [
    '🇺🇦 Ukraine\'s air force said it shot down 80 drones overnight 👍🏽, while officials in Kyiv put the figure at 76.',
    '',
    'Віталій Кличко said debris fell on two districts.\nResidents sheltered in the metro.',
  ].join('\n'),
);

const ARABIC = canonicalize(
  ['قالت الوزارةُ إن 𝟏𝟐 طائرة أُسقطت فوق المدينة.', '', 'A note on q\u0307uality: 👨‍👩‍👧 families fled, "quoted", with commas, too.'].join('\n'),
);

const PLAIN = canonicalize('Nothing is tagged here.\n\nA second paragraph, still untagged.');

function find(text: string, quote: string): { start: number; end: number } {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`fixture quote not found: ${quote}`);
  return { start, end: start + quote.length };
}

interface SpanSpec {
  label: Label;
  quote: string;
  note?: string;
  attrs?: AnyAttrs;
  author?: string;
}

export function buildCorpus(db: Db): Corpus {
  const articles: Article[] = [];
  const annotations: Annotation[] = [];
  const add = (draft: ArticleDraft, id: string, importedAt: string, spans: SpanSpec[], extra?: (a: Article) => void) => {
    const article = insertArticle(db, draft, { id, importedAt });
    articles.push(article);
    spans.forEach((s, i) => {
      const { start, end } = find(article.text, s.quote);
      annotations.push(
        insertAnnotation(db, {
          id: `${id}-s${i + 1}`,
          articleId: article.id,
          label: s.label,
          start,
          end,
          quote: article.text.slice(start, end),
          note: s.note ?? '',
          attrs: s.attrs ?? {},
          author: s.author ?? 'alice',
          createdAt: `2024-11-27T10:00:0${i % 10}.000Z`,
          updatedAt: `2024-11-27T11:00:0${i % 10}.000Z`,
        }),
      );
    });
    extra?.(article);
  };

  db.transaction(() => {
    add(
      { title: 'Drones over Kyiv 🇺🇦', source: 'Kyiv Independent', url: 'https://example.org/kyiv', author: 'O. Petrenko', publishedAt: '2024-11-26', language: 'en', text: KYIV },
      'kyiv',
      '2024-11-27T09:00:00.000Z',
      [
        { label: 'actor', quote: "Ukraine's air force", attrs: { canonicalName: 'Air Force of Ukraine', kind: 'armed group' } },
        {
          label: 'claim',
          quote: "Ukraine's air force said it shot down 80 drones overnight",
          note: 'Contradicts\tthe city\'s "76", see below,\nsecond line',
          attrs: { claimant: "Ukraine's air force", claimantId: 'kyiv-s1', status: 'disputed' },
        },
        { label: 'figure', quote: '80 drones', attrs: { value: 80, unit: 'drones', qualifier: 'at least' } },
        {
          label: 'event',
          quote: 'shot down 80 drones overnight 👍🏽, while officials in Kyiv put the figure at 76.\n\nВіталій Кличко said debris fell',
          attrs: { date: '2024-11-26', location: 'Kyiv', category: 'air attack' },
          author: 'bob',
        },
        { label: 'actor', quote: 'officials in Kyiv', attrs: { kind: 'state' } },
        { label: 'figure', quote: '76', note: 'city figure', attrs: { value: 76.5, qualifier: 'approximate' } },
        { label: 'actor', quote: 'Віталій Кличко', attrs: { canonicalName: 'Vitali Klitschko', kind: 'person' } },
        { label: 'event', quote: 'debris fell on two districts.\nResidents sheltered', attrs: { date: '2024-11' } },
      ],
    );
    add(
      { title: 'Ministry says "12", not 13, aircraft', source: 'Al-Madina', url: null, author: null, publishedAt: '2024-12-01', language: 'ar', text: ARABIC },
      'arabic',
      '2024-11-28T09:00:00.000Z',
      [
        { label: 'claim', quote: 'قالت الوزارةُ إن 𝟏𝟐 طائرة أُسقطت فوق المدينة.', attrs: { claimant: 'the ministry', status: 'unverified' } },
        { label: 'actor', quote: 'الوزارةُ', attrs: { canonicalName: 'Ministry of Defence', kind: 'organisation' } },
        { label: 'figure', quote: '𝟏𝟐 طائرة', attrs: { value: 12, unit: 'aircraft', qualifier: 'exact' }, note: 'عدد' },
        { label: 'event', quote: 'q\u0307uality', note: 'combining dot, kept by NFC 🙂' },
        { label: 'event', quote: '👨‍👩‍👧 families fled, "quoted", with commas', note: '  padded, "quoted"  ', attrs: { location: 'Tab\there', category: 'x, y' } },
      ],
      (article) => {
        // What a text correction leaves behind when it deletes all of an annotation's text.
        annotations.push(
          insertAnnotation(db, {
            id: 'arabic-orphan',
            articleId: article.id,
            label: 'figure',
            start: 10,
            end: 10,
            quote: '13',
            note: 'the deleted figure',
            attrs: { value: 13 },
            author: 'carol',
            status: 'orphaned',
            createdAt: '2024-11-28T10:00:00.000Z',
            updatedAt: '2024-11-29T10:00:00.000Z',
          }),
        );
      },
    );
    add(
      { title: 'Untagged', source: null, url: null, author: null, publishedAt: null, language: null, text: PLAIN },
      'plain',
      '2024-11-29T09:00:00.000Z',
      [],
    );
  })();

  return {
    articles,
    annotations,
    byQuote: (quote) => {
      const found = annotations.find((a) => a.quote === quote);
      if (!found) throw new Error(`no fixture annotation quoting ${quote}`);
      return found;
    },
  };
}
