import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../shared/ipc/contract';
import { CHANNELS } from '../../shared/ipc/channels';
import { isTrustedSender } from './sender';

describe('isTrustedSender', () => {
  it.each(['app://spanwise/', 'app://spanwise/index.html', 'app://spanwise/index.html#reader', 'app://spanwise'])('trusts the top frame at %s', (url) => {
    expect(isTrustedSender({ url, isMainFrame: true })).toBe(true);
  });

  it('refuses a subframe, even one loaded from the app itself', () => {
    expect(isTrustedSender({ url: 'app://spanwise/index.html', isMainFrame: false })).toBe(false);
  });

  it.each([
    'app://evil/',
    'app://spanwise.evil/',
    'app://spanwise.evil/index.html',
    'app://spanwise@evil/',
    'app://user:pw@spanwise/',
    'app://evil/app://spanwise/',
    'APP://EVIL/',
    'http://spanwise/',
    'https://spanwise/',
    'file:///app/index.html',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://spanwise/',
    'data:text/html,<script>1</script>',
    'about:blank',
    '',
    'not a url',
  ])('refuses a top frame at %s', (url) => {
    expect(isTrustedSender({ url, isMainFrame: true })).toBe(false);
  });

  it('refuses a frame that is already gone', () => {
    expect(isTrustedSender({ url: undefined, isMainFrame: true })).toBe(false);
  });
});

/** Every property name any channel's input can carry, found through the schemas' JSON Schema form. */
function inputKeys(schema: z.ZodType): string[] {
  const keys: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const properties = (node as { properties?: Record<string, { type?: unknown }> }).properties;
      // A flag (import/dialog's folder: true) names no path; anything else might.
      if (properties) keys.push(...Object.entries(properties).filter(([, p]) => p.type !== 'boolean').map(([key]) => key));
      Object.values(node).forEach(walk);
    }
  };
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
  return keys;
}

describe('the contract main binds for the renderer', () => {
  it('takes no file path from the untrusted renderer: paths come only from dialogs main shows', () => {
    const found = CHANNELS.flatMap((channel) => inputKeys(contract[channel].input).map((key) => `${channel}.${key}`));
    // The walk sees the fields, or its silence below would prove nothing.
    expect(found).toContain('articles/get.id');
    expect(found).toContain('export/dialog.format');
    // Names the backend only reports back, never opens: a dropped file's name in an import report.
    const labels = new Set(['import/begin.file', 'import/add.file']);
    expect(found.filter((k) => /\.(paths?|out|file|files|dir|folder|dest|destination|target|filename)$/i.test(k) && !labels.has(k))).toEqual([]);
  });
});
