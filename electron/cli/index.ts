import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { libraryStats } from '../core/store/articles';
import { LABELS } from '../../shared/model';
import { isEncryptedLibrary, openStore, type Db } from '../core/store/db';
import { searchWordsAsPositionals, wantsJson } from './search-args';
import type { ExportFlags } from './export';
import { createOutput, EXIT, UsageError, type Output } from './output';
import { BUNDLE_PASSPHRASE, encryptCommand, LIBRARY_PASSPHRASE } from './encrypt';
import { PromptCancelled, readPassphrase, terminalIo, type PassphraseIo } from './passphrase';

export const USAGE = `usage:
  spanwise import --db FILE PATH...            import files or folders (.txt .md .html .json .jsonl,
                                               brat .txt+.ann, .spanwise bundles: merged)
  spanwise export --db FILE --format jsonl|csv|brat|w3c|bundle|acled|plover --out PATH [--labels event,claim]
                  [--query Q] [--source S] [--label L] [--unannotated] [--published-from DATE] [--published-to DATE]
                  [--ids ID,ID...] [--spreadsheet-safe] [--encrypt]
                                               export the whole library, what the filters match
                                               (as in the library), or the named articles; --labels
                                               keeps only those spans; --spreadsheet-safe (CSV) puts an
                                               apostrophe before cells starting with = + - @, tab or CR;
                                               --encrypt (bundle) seals it with a passphrase (scrypt,
                                               AES-256-GCM), which import then asks for.
                                               Ctrl-C removes the partial output
  spanwise search --db FILE [--limit N] [--] QUERY
                                               full-text search over titles and texts (after --,
                                               every word is taken as query, even one like --json)
  spanwise stats  --db FILE                    counts of articles and annotations
  spanwise original --db FILE ID [--out FILE]  where an article came from (file, sha256, importer,
                                               who and when); with --out, its original file as imported
  spanwise events --db FILE                    every event as a record: date, type, actor, target (canonical
                                               names), location, figures, incident
  spanwise figures --db FILE --disagreements   figures of one count and unit that disagree within an
                                               article or an incident: conflict or variance, with
                                               their quotes, sources, dates and resolution
  spanwise entities --db FILE [--kind actor|place]
                                               the actor and place registry, with mention counts
  spanwise entities import --db FILE REGISTRY  add or merge entities from CSV (name,kind,actor_kind,
                                               aliases,external_ids,note; lists split by |) or JSONL;
                                               all or nothing, refused lines named with the reason
  spanwise entities export --db FILE --out FILE.csv|FILE.jsonl
  spanwise entities suggest --db FILE [--article ID] [--accept-all]
                                               registry names found in the articles; --accept-all
                                               links and tags them
  spanwise backup --db FILE --out BACKUP       online copy of the library (the app may stay open)
  spanwise restore --db FILE --from BACKUP     verify BACKUP, then replace the library with it
                                               (the replaced library is kept beside it; close the app first)
  spanwise encrypt --db FILE                   encrypt the library with a new passphrase (a missing
                                               library is created encrypted)
  spanwise change-passphrase --db FILE         give an encrypted library a new passphrase
  spanwise check --db FILE [--quick]           the full integrity check of every page and index (opening a
                                               large library checks only its header, schema and latest
                                               pages); exit 1 when it finds damage
options (before or after the command):
  --json    print one JSON object per line
  --passphrase-file FILE       an encrypted library's passphrase (or a backup's), first line of FILE;
                               else $SPANWISE_PASSPHRASE, else asked on the terminal without echo
  --new-passphrase-file FILE   the new passphrase for encrypt and change-passphrase;
                               else $SPANWISE_NEW_PASSPHRASE, else asked twice on the terminal
  --bundle-passphrase-file FILE  an encrypted bundle's passphrase (export --encrypt, import);
                               else $SPANWISE_BUNDLE_PASSPHRASE, else asked on the terminal
exit status: 0 all succeeded, 1 some inputs failed (the rest were imported), 2 usage error (including
  a --db library that does not exist, for any command but import, which creates it;
  an output the export may not use: the library or its -wal/-shm/-journal, a missing folder, a non-empty
  brat folder), 130/143 export interrupted by SIGINT/SIGTERM (its partial output removed)`;

type Command = (db: Db, args: string[], out: Output, flags: Flags) => Promise<number>;
interface Flags extends ExportFlags {
  limit: number;
  author: string;
  from?: string;
  /** The library's passphrase, when it is encrypted: backups are encrypted with it. */
  passphrase?: string;
  passphraseFile?: string;
  bundlePassphraseFile?: string;
  io: PassphraseIo;
  kind?: string;
  article?: string;
  acceptAll?: boolean;
  dbFile?: string;
  disagreements?: boolean;
}

/**
 * Each verb's module is loaded only when that verb runs: the importers and exporters pull in
 * parsers (linkedom, marked, fast-xml-parser, readability...) that cost hundreds of milliseconds
 * to load, which `stats` or `search` on a large library must not pay.
 */
const commands: Record<string, () => Promise<Command>> = {
  import: async () => (await import('./import-command')).importCommand,
  export: async () => (await import('./export')).exportCommand,
  events: async () => (await import('./events')).eventsCommand,
  figures: async () => (await import('./figures')).figuresCommand,
  search: async () => (await import('./search-command')).searchCommand,
  backup: async () => (await import('./backup')).backupCommand,
  original: async () => (await import('./original')).originalCommand,
  entities: async () => (await import('./entities')).entitiesCommand,
  stats: async () => statsCommand,
};

async function statsCommand(db: Db, _rest: string[], out: Output): Promise<number> {
  const s = libraryStats(db);
  out.result(
    { type: 'stats', ...s },
    [`articles     ${s.articles}`, `unannotated  ${s.unannotated}`, `annotations  ${s.annotations}`, ...LABELS.map((l) => `  ${l.padEnd(10)} ${s.byLabel[l]}`)],
  );
  return EXIT.ok;
}

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  limit: { type: 'string', default: '20' },
  author: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  labels: { type: 'string' },
  query: { type: 'string' },
  ids: { type: 'string' },
  source: { type: 'string' },
  label: { type: 'string' },
  unannotated: { type: 'boolean', default: false },
  'published-from': { type: 'string' },
  'published-to': { type: 'string' },
  'spreadsheet-safe': { type: 'boolean', default: false },
  from: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'new-passphrase-file': { type: 'string' },
  'bundle-passphrase-file': { type: 'string' },
  encrypt: { type: 'boolean', default: false },
  kind: { type: 'string' },
  article: { type: 'string' },
  'accept-all': { type: 'boolean', default: false },
  quick: { type: 'boolean', default: false },
  disagreements: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

const takesValue = (option: string) => (OPTIONS as Record<string, { type: string }>)[option]?.type === 'string';

/** Who the annotations an import brings are by, when --author does not say. */
function defaultAuthor(): string {
  try {
    return userInfo().username || 'analyst';
  } catch {
    // userInfo throws for a user with no entry in the password database (some containers).
    return process.env.USER || 'analyst';
  }
}

/** Runs one command line; returns the exit status rather than exiting, so tests can call it. */
export async function run(argv: string[], out: Output = createOutput(wantsJson(argv)), io: PassphraseIo = terminalIo()): Promise<number> {
  let db: Db | null = null;
  let openedFile: string | null = null;
  try {
    const { values, positionals } = parseArgs({
      args: searchWordsAsPositionals(argv, takesValue),
      allowPositionals: true,
      options: OPTIONS,
    });
    const [name, ...rest] = positionals;
    if (values.help) {
      out.result({ type: 'usage', usage: USAGE }, USAGE.split('\n'));
      return EXIT.ok;
    }
    const command = name ? commands[name] : undefined;
    const byPath = name === 'restore' || name === 'encrypt' || name === 'change-passphrase' || name === 'check';
    if (!command && !byPath) throw new UsageError(name ? `unknown command "${name}"` : 'no command given');
    if (!values.db) throw new UsageError(`${name} needs --db FILE`);
    const passphraseFile = values['passphrase-file'];
    // Restore swaps the library's file, and re-encrypting needs the only connection to it, so
    // neither may hold the library open itself.
    if (name === 'restore') return await (await import('./backup')).restoreCommand(values.db, rest, out, { ...(values.from ? { from: values.from } : {}), passphraseFile }, io);
    if (name === 'encrypt' || name === 'change-passphrase') {
      return await encryptCommand(name, values.db, rest, out, { passphraseFile, newPassphraseFile: values['new-passphrase-file'] }, io);
    }
    if (name === 'check') return await (await import('./check')).checkCommand(values.db, rest, out, { passphraseFile, quick: values.quick }, io);
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');
    const dbFile = resolve(values.db);
    if (name === 'import') mkdirSync(dirname(dbFile), { recursive: true });
    // Only import creates a library; reading commands on a mistyped path must not leave an empty one behind.
    else if (!existsSync(dbFile)) throw new UsageError(`--db ${values.db}: no library at ${dbFile} (only import creates one)`, false);
    // Asked only for an encrypted library: a plain one given a passphrase is refused by the store.
    const passphrase = existsSync(dbFile) && isEncryptedLibrary(dbFile) ? await readPassphrase({ what: dbFile, file: passphraseFile, ...LIBRARY_PASSPHRASE }, io) : undefined;
    openedFile = dbFile;
    const verb = await command();
    db = openStore(dbFile, passphrase !== undefined ? { passphrase } : {});
    return await verb(db, rest, out, {
      limit,
      io,
      ...(passphrase !== undefined ? { passphrase } : {}),
      ...(passphraseFile !== undefined ? { passphraseFile } : {}),
      author: values.author ?? defaultAuthor(),
      ...(values.format ? { format: values.format } : {}),
      ...(values.out ? { out: values.out } : {}),
      ...(values.labels ? { labels: values.labels } : {}),
      ...(values.query ? { query: values.query } : {}),
      ...(values.ids !== undefined ? { ids: values.ids } : {}),
      ...(values.source !== undefined ? { source: values.source } : {}),
      ...(values.label !== undefined ? { label: values.label } : {}),
      ...(values.unannotated ? { unannotated: true } : {}),
      ...(values['published-from'] !== undefined ? { publishedFrom: values['published-from'] } : {}),
      ...(values['published-to'] !== undefined ? { publishedTo: values['published-to'] } : {}),
      ...(values.from ? { from: values.from } : {}),
      ...(values['spreadsheet-safe'] ? { spreadsheetSafe: true } : {}),
      ...(values.encrypt ? { encrypt: true } : {}),
      ...(values['bundle-passphrase-file'] !== undefined ? { bundlePassphraseFile: values['bundle-passphrase-file'] } : {}),
      bundlePassphrase: (confirm: boolean) =>
        readPassphrase({ what: `${values.out ? resolve(values.out) : 'the bundle'} (new)`, file: values['bundle-passphrase-file'], ...BUNDLE_PASSPHRASE, confirm }, io),
      ...(values.kind !== undefined ? { kind: values.kind } : {}),
      ...(values.article !== undefined ? { article: values.article } : {}),
      ...(values['accept-all'] ? { acceptAll: true } : {}),
      ...(values.disagreements ? { disagreements: true } : {}),
      dbFile,
    });
  } catch (err) {
    if (err instanceof PromptCancelled) {
      out.error({ type: 'error', kind: 'cancelled', message: err.message }, `spanwise: ${err.message}`);
      return EXIT.interrupted;
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const usage = err instanceof UsageError && !err.showUsage ? [] : ['', ...USAGE.split('\n')];
      out.error({ type: 'error', kind: 'usage', message: (err as Error).message }, [`spanwise: ${(err as Error).message}`, ...usage]);
      return EXIT.usage;
    }
    // A damaged page the open did not read (open-check.ts) fails the command when it is read.
    const damaged = openedFile !== null && /^SQLITE_(CORRUPT|NOTADB)/.test((err as { code?: string }).code ?? '');
    const message = damaged ? `${openedFile} is damaged (${(err as Error).message}): spanwise check lists the damage; restore it from a backup` : (err as Error).message;
    out.error({ type: 'error', kind: 'fatal', message }, `spanwise: ${message}`);
    return EXIT.someFailed;
  } finally {
    db?.close();
  }
}
