import { HIT_CLOSE, HIT_OPEN } from '../../shared/model';
import type { Db } from '../core/store/db';
import { listArticles } from '../core/store/list';
import { EXIT, UsageError, type Output } from './output';

export async function searchCommand(db: Db, words: string[], out: Output, flags: { limit: number }): Promise<number> {
  const query = words.join(' ').trim();
  if (!query) throw new UsageError('search needs a query');
  const { total, capped, items } = listArticles(db, { query, sort: 'relevance', descending: true, limit: flags.limit, offset: 0 });
  for (const item of items) {
    const snippet = (item.snippet ?? '').replaceAll(HIT_OPEN, '[').replaceAll(HIT_CLOSE, ']').replace(/\s+/g, ' ');
    out.result({ type: 'hit', id: item.id, title: item.title, snippet: item.snippet, counts: item.counts }, [`${item.id}  ${item.title}`, `    ${snippet}`]);
  }
  out.result({ type: 'summary', total, capped, shown: items.length }, capped ? `more than ${total} articles match` : `${total} article(s) match`);
  return EXIT.ok;
}
