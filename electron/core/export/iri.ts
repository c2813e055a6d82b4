/*
 * IRIs for the W3C export. JSON-LD processors (jsonld.js, pyld) refuse an `@id` that is not an
 * IRI, RDF libraries drop the annotation or fail to serialise it, and Spanwise's ids come from
 * whatever a user imported ("Kyiv report 1", "a/b"). So every id is percent-encoded into a URN,
 * and an article's URL is either made a valid IRI (RFC 3987) or left out, saying so.
 */

import { wellFormed } from '../../../shared/text';

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes every UTF-8 byte of `text` that is not unreserved (RFC 3986 section 2.3), so any string becomes one IRI segment. */
export function iriSegment(text: string): string {
  let out = '';
  for (const char of wellFormed(text)) {
    if (UNRESERVED.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export const urn = (kind: string, id: string) => `urn:spanwise:${kind}:${iriSegment(id)}`;

/** Characters an IRI may hold outside the authority's brackets: RFC 3986's unreserved, reserved and `%` (escapes checked apart). */
const URI_CHAR = /[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * The URL as a valid IRI, or null when it cannot be one (no scheme, an unparseable host or port).
 * Parsed as a browser does (the WHATWG URL rules: hosts to punycode, spaces and quotes
 * percent-encoded), then every character that is still not allowed (`|`, `^`, `[` outside an IPv6
 * host, `{`, `}`, a `%` not starting an escape) is percent-encoded: the result is ASCII and a valid
 * URI, hence a valid IRI, and names the same resource a browser would open.
 */
export function asIri(url: string): string | null {
  const trimmed = url.trim();
  if (!SCHEME.test(trimmed)) return null;
  let href: string;
  try {
    href = new URL(trimmed).href;
  } catch {
    return null;
  }
  const scheme = SCHEME.exec(href)?.[0] ?? '';
  // The authority (after "//", up to the path) may hold an IPv6 literal in brackets; keep it as it is.
  const authority = /^\/\/[^/?#]*/.exec(href.slice(scheme.length))?.[0] ?? '';
  const head = scheme + authority;
  if (/[^A-Za-z0-9\-._~:/@!$&'()*+,;=%[\]]/.test(authority)) return null;
  let rest = '';
  const tail = href.slice(head.length);
  for (let i = 0; i < tail.length; i++) {
    const c = tail.charAt(i);
    const escape = c === '%' && /^[0-9A-Fa-f]{2}$/.test(tail.slice(i + 1, i + 3));
    rest += URI_CHAR.test(c) && (c !== '%' || escape) ? c : iriSegment(c);
  }
  // A second '#' is not allowed in an IRI; only the first starts the fragment.
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash + 1) + rest.slice(hash + 1).replace(/#/g, '%23');
  return head + rest;
}
