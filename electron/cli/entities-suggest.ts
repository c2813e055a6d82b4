import type { Suggestion } from '../../shared/ipc/entities';
import { makeCodePointConverter } from '../../shared/text';
import { suggestLibrary } from '../core/services/suggest-job';
import { acceptSuggestions, loadRegistry, suggestFor } from '../core/services/suggestions';
import { getArticle } from '../core/store/articles';
import type { Db } from '../core/store/db';
import type { EntitiesFlags } from './entities';
import { EXIT, UsageError, type Output } from './output';

/**
 * `spanwise entities suggest --db F [--article ID] [--accept-all]`: the registry's suggestions,
 * one line each with code point offsets; --accept-all applies them (one undo step in the app).
 */
export async function entitiesSuggestCommand(db: Db, args: string[], out: Output, flags: EntitiesFlags): Promise<number> {
  if (args.length > 0) throw new UsageError(`entities suggest takes no arguments (got "${args[0]}"); use --article ID for one article`);
  const print = (text: string, found: readonly Omit<Suggestion, 'id'>[]) => {
    const cp = makeCodePointConverter(text);
    for (const s of found) {
      out.result(
        { type: 'suggestion', article_id: s.articleId, start: cp(s.start), end: cp(s.end), text: s.text, entity_id: s.entityId, action: s.action },
        `${s.action.padEnd(4)} ${s.articleId} ${cp(s.start)}-${cp(s.end)} "${s.text}" → ${s.entityName}`,
      );
    }
  };
  let suggestions = 0;
  let created = 0;
  let linked = 0;
  if (flags.article) {
    const article = getArticle(db, flags.article);
    if (!article) throw new UsageError(`--article ${flags.article}: no such article`, false);
    const found = suggestFor(db, article.id, loadRegistry(db), article.text);
    print(article.text, found);
    suggestions = found.length;
    if (flags.acceptAll && found.length > 0) {
      const done = acceptSuggestions(db, article.id, null, flags.author);
      created = done.created.length;
      linked = done.linked.length;
    }
  } else {
    const summary = await suggestLibrary(db, { accept: flags.acceptAll ?? false, author: flags.author, onArticle: (article, found) => print(article.text, found) });
    suggestions = summary.suggestions;
    created = summary.created ?? 0;
    linked = summary.linked ?? 0;
  }
  out.result(
    { type: 'summary', suggestions, accepted: flags.acceptAll ? created + linked : 0, created, linked },
    flags.acceptAll ? `${suggestions} suggestion(s): ${created} mention(s) tagged, ${linked} span(s) linked` : `${suggestions} suggestion(s)`,
  );
  return EXIT.ok;
}
