/**
 * What Spanwise imports, known to the renderer as well as to the importers: a drop is sorted into
 * article files and the rest before any file is read.
 */

export type ArticleFormat = 'txt' | 'md' | 'html' | 'json' | 'jsonl';

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

export function tooLarge(bytes: number): string {
  return `too large: ${bytes.toLocaleString('en')} bytes (${(bytes / 1048576).toFixed(1)} MB); the limit is ${MAX_FILE_BYTES / 1048576} MB`;
}
