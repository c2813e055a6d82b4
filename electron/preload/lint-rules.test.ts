import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

// Restated from eslint.config.js, so a changed or missing rule shows up here.
const NO_NETWORK = 'Spanwise makes no network request: no networking modules in main or core.';
const NO_NETWORK_GLOBAL = 'Spanwise makes no network request: no fetch, WebSocket, XMLHttpRequest or EventSource in main or core.';

async function lint(code: string): Promise<{ rule: string | null; message: string; line: number }[]> {
  const [result] = await eslint.lintText(code, { filePath: 'electron/preload/planted.ts' });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, message: m.message, line: m.line }));
}

describe('the preload is held to the zero-network rule as main is', () => {
  it('refuses the network globals and modules', async () => {
    expect(await lint('export const x = fetch;\n')).toEqual([{ rule: 'no-restricted-globals', message: `Unexpected use of 'fetch'. ${NO_NETWORK_GLOBAL}`, line: 1 }]);
    expect(await lint('export const x = window.WebSocket;\n')).toEqual([
      { rule: 'no-restricted-properties', message: `'window.WebSocket' is restricted from being used. ${NO_NETWORK_GLOBAL}`, line: 1 },
    ]);
    expect(await lint("import 'node:https';\n")).toEqual([
      { rule: 'no-restricted-imports', message: `'node:https' import is restricted from being used. ${NO_NETWORK}`, line: 1 },
    ]);
  });

  it('cannot be switched off by a comment', async () => {
    const found = await lint('/* eslint-disable */\nexport const x = fetch;\n');
    expect(found).toContainEqual({ rule: 'no-restricted-globals', message: `Unexpected use of 'fetch'. ${NO_NETWORK_GLOBAL}`, line: 2 });
  });
});
