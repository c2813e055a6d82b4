import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { HIT_CLOSE, HIT_OPEN, LABELS } from '../../shared/model';
import { libraryStats, listArticles } from '../core/store/articles';
import { openStore, type Db } from '../core/store/db';
import { expandPaths, fileSource, importBatch } from '../core/services/importer';
import { createOutput, EXIT, UsageError, type Output } from './output';

export const USAGE = `usage:
  spanwise import --db FILE PATH...            import files or folders (.txt .md .html .json .jsonl, brat .txt+.ann)
  spanwise search --db FILE [--limit N] QUERY  full-text search over titles and texts
  spanwise stats  --db FILE                    counts of articles and annotations
options:
  --json    print one JSON object per line
exit status: 0 all succeeded, 1 some inputs failed (the rest were imported), 2 usage error`;

type Command = (db: Db, args: string[], out: Output, flags: Flags) => Promise<number>;
interface Flags {
  limit: number;
  author: string;
}

const commands: Record<string, Command> = {
  async import(db, paths, out, flags) {
    if (paths.length === 0) throw new UsageError('import needs at least one file or folder');
    const { files, missing } = expandPaths(paths.map((p) => resolve(p)));
    const report = await importBatch(db, files.map(fileSource), { author: flags.author });
    for (const o of [...missing, ...report.outcomes]) {
      const value = { type: 'file', ...o };
      const line = `${o.status.padEnd(9)} ${o.file}${o.message ? `: ${o.message}` : ''}`;
      if (o.status === 'failed' || o.status === 'partial') out.error(value, line);
      else out.result(value, line);
    }
    const failed = report.failed + missing.length;
    out.result(
      { type: 'summary', imported: report.imported, partial: report.partial, duplicates: report.duplicates, failed },
      `${report.imported} imported, ${report.partial} partly imported, ${report.duplicates} duplicate, ${failed} failed`,
    );
    return failed + report.partial > 0 ? EXIT.someFailed : EXIT.ok;
  },

  async search(db, words, out, flags) {
    const query = words.join(' ').trim();
    if (!query) throw new UsageError('search needs a query');
    const { total, items } = listArticles(db, { query, sort: 'relevance', descending: true, limit: flags.limit, offset: 0 });
    for (const item of items) {
      const snippet = (item.snippet ?? '').replaceAll(HIT_OPEN, '[').replaceAll(HIT_CLOSE, ']').replace(/\s+/g, ' ');
      out.result({ type: 'hit', id: item.id, title: item.title, snippet: item.snippet, counts: item.counts }, `${item.id}  ${item.title}\n    ${snippet}`);
    }
    out.result({ type: 'summary', total, shown: items.length }, `${total} article(s) match`);
    return EXIT.ok;
  },

  async stats(db, _rest, out) {
    const s = libraryStats(db);
    out.result(
      { type: 'stats', ...s },
      [`articles     ${s.articles}`, `unannotated  ${s.unannotated}`, `annotations  ${s.annotations}`, ...LABELS.map((l) => `  ${l.padEnd(10)} ${s.byLabel[l]}`)].join('\n'),
    );
    return EXIT.ok;
  },
};

/** Runs one command line; returns the exit status rather than exiting, so tests can call it. */
export async function run(argv: string[], out: Output = createOutput(argv.includes('--json'))): Promise<number> {
  let db: Db | null = null;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        limit: { type: 'string', default: '20' },
        author: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [name, ...rest] = positionals;
    if (values.help) {
      out.result({ type: 'usage', usage: USAGE }, USAGE);
      return EXIT.ok;
    }
    const command = name ? commands[name] : undefined;
    if (!command) throw new UsageError(name ? `unknown command "${name}"` : 'no command given');
    if (!values.db) throw new UsageError(`${name} needs --db FILE`);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');
    db = openStore(resolve(values.db));
    return await command(db, rest, out, { limit, author: values.author ?? process.env.USER ?? 'analyst' });
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.error({ type: 'error', kind: 'usage', message: (err as Error).message }, `spanwise: ${(err as Error).message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    out.error({ type: 'error', kind: 'fatal', message: (err as Error).message }, `spanwise: ${(err as Error).message}`);
    return EXIT.someFailed;
  } finally {
    db?.close();
  }
}
