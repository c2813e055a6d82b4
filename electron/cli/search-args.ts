/**
 * `spanwise search -drones` would be refused as an unknown option "-d"; a search word may well
 * start with a dash (a minus, a quoted "-40"), so for search every such word that is not one of
 * the command's own options goes after a `--`, where words are taken as they are. `--` itself,
 * before the query, does the same for anything (documented in the usage).
 */
export function searchWordsAsPositionals(argv: string[], takesValue: (option: string) => boolean): string[] {
  const sep = argv.indexOf('--');
  const head = sep < 0 ? argv : argv.slice(0, sep);
  const tail = sep < 0 ? [] : argv.slice(sep + 1);
  if (commandOf(head, takesValue) !== 'search') return argv;
  const isWord = (a: string) => /^-(?!-)/.test(a) && a !== '-h';
  const words: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < head.length; i++) {
    const a = head[i] as string;
    // An option's value stays with it, whatever it starts with (`--db -library.db`).
    if (isOptionWithValue(a, takesValue) && i + 1 < head.length) rest.push(a, head[++i] as string);
    else (isWord(a) ? words : rest).push(a);
  }
  if (words.length === 0) return argv;
  return [...rest, '--', ...words, ...tail];
}

/** `--db FILE` rather than `--db=FILE` or a flag: the next argument is the option's value. */
function isOptionWithValue(arg: string, takesValue: (option: string) => boolean): boolean {
  return arg.startsWith('--') && !arg.includes('=') && takesValue(arg.slice(2));
}

/** The first positional argument, skipping options and their values (`spanwise --db F search`). */
export function commandOf(argv: string[], takesValue: (option: string) => boolean): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') return argv[i + 1];
    if (isOptionWithValue(a, takesValue)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** --json as an option, not as a word after `--`. */
export function wantsJson(argv: string[]): boolean {
  const sep = argv.indexOf('--');
  return (sep < 0 ? argv : argv.slice(0, sep)).includes('--json');
}
