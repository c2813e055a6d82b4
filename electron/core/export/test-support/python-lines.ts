/*
 * Python's str.splitlines(), written from its documentation (the table of line boundaries in
 * "Text Sequence Type", str.splitlines): the way brat's server, spaCy and most Python tools cut a
 * file into lines. Shares nothing with the exporters, so a record that survives it survives them.
 */

/** \n, \r, \r\n, \v or \x0b, \f or \x0c, \x1c, \x1d, \x1e, \x85, \u2028, \u2029. */
const BOUNDARIES = new Set([0x0a, 0x0d, 0x0b, 0x0c, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029]);

export function pythonSplitlines(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!BOUNDARIES.has(code)) {
      line += text[i];
      continue;
    }
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    lines.push(line);
    line = '';
  }
  if (line !== '') lines.push(line);
  return lines;
}
