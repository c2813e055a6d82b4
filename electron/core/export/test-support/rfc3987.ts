/*
 * An IRI checker written from RFC 3987's ABNF (section 2.2), for the tests: an absolute IRI is
 * `scheme ":" ihier-part [ "?" iquery ] [ "#" ifragment ]`. Shares nothing with the exporter's
 * encoding, so a passing test says the ids are IRIs, not that the encoder agrees with itself.
 */

const UCSCHAR =
  '\\u{A0}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFEF}\\u{10000}-\\u{1FFFD}\\u{20000}-\\u{2FFFD}\\u{30000}-\\u{3FFFD}' +
  '\\u{40000}-\\u{4FFFD}\\u{50000}-\\u{5FFFD}\\u{60000}-\\u{6FFFD}\\u{70000}-\\u{7FFFD}\\u{80000}-\\u{8FFFD}' +
  '\\u{90000}-\\u{9FFFD}\\u{A0000}-\\u{AFFFD}\\u{B0000}-\\u{BFFFD}\\u{C0000}-\\u{CFFFD}\\u{D0000}-\\u{DFFFD}\\u{E1000}-\\u{EFFFD}';
const IPRIVATE = '\\u{E000}-\\u{F8FF}\\u{F0000}-\\u{FFFFD}\\u{100000}-\\u{10FFFD}';
const IUNRESERVED = `A-Za-z0-9\\-._~${UCSCHAR}`;
const SUB_DELIMS = "!$&'()*+,;=";
const PCT = '%[0-9A-Fa-f]{2}';
const IPCHAR = `(?:[${IUNRESERVED}${SUB_DELIMS}:@]|${PCT})`;
const SEGMENT = `${IPCHAR}*`;
const SEGMENT_NZ = `${IPCHAR}+`;
const DEC_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])';
const IPV4 = `${DEC_OCTET}(?:\\.${DEC_OCTET}){3}`;
// IPv6 is checked loosely (hex groups and colons, an optional trailing IPv4): the exports never hold one.
const IP_LITERAL = `\\[(?:[0-9A-Fa-f:]+(?::${IPV4})?|v[0-9A-Fa-f]+\\.[A-Za-z0-9\\-._~${SUB_DELIMS}:]+)\\]`;
const IREG_NAME = `(?:[${IUNRESERVED}${SUB_DELIMS}]|${PCT})*`;
const IUSERINFO = `(?:[${IUNRESERVED}${SUB_DELIMS}:]|${PCT})*`;
const IAUTHORITY = `(?:${IUSERINFO}@)?(?:${IP_LITERAL}|${IPV4}|${IREG_NAME})(?::[0-9]*)?`;
const IHIER_PART = `(?://${IAUTHORITY}(?:/${SEGMENT})*|/(?:${SEGMENT_NZ}(?:/${SEGMENT})*)?|${SEGMENT_NZ}(?:/${SEGMENT})*|)`;
const IQUERY = `(?:${IPCHAR}|[${IPRIVATE}/?])*`;
const IFRAGMENT = `(?:${IPCHAR}|[/?])*`;
const SCHEME = '[A-Za-z][A-Za-z0-9+\\-.]*';

const IRI = new RegExp(`^${SCHEME}:${IHIER_PART}(?:\\?${IQUERY})?(?:#${IFRAGMENT})?$`, 'u');

/** True when `text` is an absolute IRI (the `IRI` rule of RFC 3987). */
export function isIri(text: string): boolean {
  return IRI.test(text);
}
