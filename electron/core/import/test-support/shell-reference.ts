/** The regular-expression document shell dom.ts had (quadratic on '<head ' without a '>'): the oracle the linear one is compared with. */
export function referenceDocumentShell(html: string): string {
  if (/<html[\s>]/i.test(html) && /<head[\s>]/i.test(html) && /<body[\s>]/i.test(html)) return html;
  const htmlAttrs = /<html(\s[^>]*)?>/i.exec(html)?.[1] ?? '';
  let head = '';
  let bodyAttrs = '';
  const rest = html
    .replace(/<!doctype[^>]*>/i, '')
    .replace(/<\/?html(\s[^>]*)?>/gi, '')
    .replace(/<head(\s[^>]*)?>([\s\S]*?)<\/head\s*>/i, (_m, _a, inner: string) => {
      head = inner;
      return '';
    })
    .replace(/<body(\s[^>]*)?>/i, (_m, attrs: string | undefined) => {
      bodyAttrs = attrs ?? '';
      return '';
    })
    .replace(/<\/body\s*>/gi, '');
  // Without a <head>, a page's title and meta tags still belong there for the metadata to be found.
  let body = rest;
  if (head === '') {
    body = rest.replace(/<title(?:\s[^>]*)?>[\s\S]*?<\/title\s*>|<(?:meta|link|base)\b[^>]*>/gi, (tag) => {
      head += tag;
      return '';
    });
  }
  return `<!doctype html><html${htmlAttrs}><head>${head}</head><body${bodyAttrs}>${body}</body></html>`;
}
