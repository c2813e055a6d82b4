/**
 * What Spanwise imports, known to the renderer as well as to the importers: a drop is sorted into
 * article files and the rest before any file is read.
 */

export type ArticleFormat = 'txt' | 'md' | 'html' | 'json' | 'jsonl' | 'qdpx';

export const ARTICLE_FORMATS: Readonly<Record<string, ArticleFormat>> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  // A REFI-QDA project (zip): read from its bytes, never as text.
  '.qdpx': 'qdpx',
};

export const IMPORTABLE_EXTENSIONS = Object.keys(ARTICLE_FORMATS);

/** Standoff files brat keeps beside the documents; they configure the tool and hold no article. */
export const BRAT_CONFIG_FILES = ['annotation.conf', 'visual.conf', 'tools.conf', 'kb_shortcuts.conf'];

/** Largest single file read whole; bigger inputs are refused with this limit named (JSONL is read a line at a time). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** The last path segment, whichever separator the path uses. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** ".txt" for "notes/Report.TXT"; "" when the name has none. */
export function extensionOf(path: string): string {
  const base = baseName(path);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export function isImportable(name: string): boolean {
  return extensionOf(name) in ARTICLE_FORMATS;
}

const BRAT_CONFIG = new Set(BRAT_CONFIG_FILES);

/** One of brat's configuration files ("corpus/annotation.conf"), whatever the case. */
export function isBratConfig(path: string): boolean {
  return BRAT_CONFIG.has(baseName(path).toLowerCase());
}

/** A path with a hidden file or folder on it ("notes/.git/x.txt"); "." and ".." are not hidden. */
function isHidden(path: string): boolean {
  return path.split(/[\\/]/).some((part) => part.startsWith('.') && part !== '.' && part !== '..');
}

/** A Spanwise bundle's file name ending: merged whole, not read as an article. */
export const BUNDLE_EXTENSION = '.spanwise';

/** A dropped or pasted file that is a bundle to merge (a hidden one is skipped as any hidden file is). */
export function isDroppedBundle(path: string): boolean {
  return extensionOf(path) === BUNDLE_EXTENSION && !isHidden(path);
}

/**
 * Why a file is not imported as an article: null for an article file, '' for a brat `.ann` that
 * goes with the `.txt` of the same stem beside it (`hasText` tells), otherwise the reason the
 * report gives. `path` may name folders (a file inside a drop): a hidden folder hides the file.
 * The one rule for a folder walked on disk, a drop sorted in the renderer and items sent by any client.
 */
export function skipReason(path: string, hasText: (stem: string) => boolean): string | null {
  if (isHidden(path)) return 'hidden file';
  if (isBratConfig(path)) return 'brat configuration, not an article';
  const ext = extensionOf(path);
  if (ext === '.ann') return hasText(path.slice(0, path.length - ext.length)) ? '' : 'brat annotations without the .txt of the same name beside them';
  if (!isImportable(path)) return `not an article file (${ext || 'no extension'}); Spanwise reads ${IMPORTABLE_EXTENSIONS.join(', ')}`;
  return null;
}

export function tooLarge(bytes: number): string {
  return `too large: ${bytes.toLocaleString('en')} bytes (${(bytes / 1048576).toFixed(1)} MB); the limit is ${MAX_FILE_BYTES / 1048576} MB`;
}
