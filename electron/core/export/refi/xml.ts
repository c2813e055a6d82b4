import { createHash } from 'node:crypto';

/**
 * The pieces of QDA-XML every part of the REFI-QDA project writer needs: escaping for XML 1.0
 * and stable GUIDs. The project is written as text, element by element, in the order the
 * schema's sequences require; the tests validate it against the published schema with xmllint.
 */

export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';

/** Characters XML 1.0 cannot carry at all (not even as references): other C0 controls, lone surrogates, U+FFFE, U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Whether a text holds a character XML 1.0 cannot carry. */
export function hasNonXml(s: string): boolean {
  NOT_XML.lastIndex = 0;
  return NOT_XML.test(s);
}

/** Text content: markup characters escaped, CR written as a reference (a parser would turn it into LF). */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value: as text, plus quotes, and tab and line breaks as references (a parser would turn them into spaces). */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** `name="value"` pairs, leaving out absent values. */
export function attrs(pairs: Record<string, string | number | boolean | null | undefined>): string {
  return Object.entries(pairs)
    .filter((e): e is [string, string | number | boolean] => e[1] !== null && e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

/**
 * A GUID (the schema's GUIDType, 8-4-4-4-12 hex digits) derived from what it stands for, so the
 * same library exports the same GUIDs every time and a re-export diffs cleanly.
 */
export function guidOf(kind: string, id: string): string {
  const h = createHash('sha256').update(`spanwise:${kind}:${id}`).digest('hex');
  // Shaped as a version 8 (custom) UUID with the RFC 9562 variant bits.
  const variant = ((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** `key: value` lines (a selection's attributes, a source's metadata), read back by the importer. */
export function describe(lines: [string, string | number | null | undefined][]): string | null {
  const kept = lines.filter((l): l is [string, string | number] => l[1] !== null && l[1] !== undefined && l[1] !== '');
  // A value's own line breaks would start a new key: written as spaces.
  return kept.length === 0 ? null : kept.map(([k, v]) => `${k}: ${String(v).replace(/\s*[\r\n]+\s*/g, ' ')}`).join('\n');
}
