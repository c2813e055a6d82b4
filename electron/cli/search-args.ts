/**
 * `spanwise search -drones` would be refused as an unknown option "-d"; a search word may well
 * start with a dash (a minus, a quoted "-40"), so for search every such word that is not one of
 * the command's own options goes after a `--`, where words are taken as they are. `--` itself,
 * before the query, does the same for anything (documented in the usage).
 */
export function searchWordsAsPositionals(argv: string[]): string[] {
  const sep = argv.indexOf('--');
  const head = sep < 0 ? argv : argv.slice(0, sep);
  const tail = sep < 0 ? [] : argv.slice(sep + 1);
  if (head.find((a) => !a.startsWith('-')) !== 'search') return argv;
  const isWord = (a: string) => /^-(?!-)/.test(a) && a !== '-h';
  const words = head.filter(isWord);
  if (words.length === 0) return argv;
  return [...head.filter((a) => !isWord(a)), '--', ...words, ...tail];
}

/** --json as an option, not as a word after `--`. */
export function wantsJson(argv: string[]): boolean {
  const sep = argv.indexOf('--');
  return (sep < 0 ? argv : argv.slice(0, sep)).includes('--json');
}
