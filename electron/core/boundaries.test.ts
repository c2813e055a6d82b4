import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

// The messages eslint.config.js gives, restated so a changed or missing rule shows up here.
const NO_NETWORK = 'Spanwise makes no network request: no networking modules in main or core.';
const NO_NETWORK_GLOBAL = 'Spanwise makes no network request: no fetch, WebSocket, XMLHttpRequest or EventSource in main or core.';
const NO_COMPUTED_LOAD = 'Load modules by a literal name, so the zero-network rule can see what is loaded.';
const NO_BINDING = 'process.binding reaches Node internals (sockets included) past every module rule.';
const NO_MAIN_FROM_CORE = 'core imports shared/ only: never electron/main.';

interface Found {
  rule: string | null;
  message: string;
  line: number;
}

/** Everything ESLint says about the planted file; a parse error shows up as rule null, fatal. */
async function lint(filePath: string, code: string): Promise<Found[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, message: m.message, line: m.line }));
}

const importMessage = (module: string, message: string) => `'${module}' import is restricted from being used. ${message}`;

describe('zero network in main and core', () => {
  it.each(['node:https', 'https', 'node:http', 'http2', 'node:net', 'node:tls', 'node:dgram', 'dns', 'undici', 'ws', 'axios'])('refuses a static import of %s in core', async (module) => {
    expect(await lint('electron/core/store/planted.ts', `import '${module}';\n`)).toEqual([
      { rule: 'no-restricted-imports', message: importMessage(module, NO_NETWORK), line: 1 },
    ]);
  });

  it('refuses a static import in main, and Electron net there', async () => {
    expect(await lint('electron/main/planted.ts', "import { request } from 'node:https';\nrequest('x');\n")).toEqual([
      { rule: 'no-restricted-imports', message: importMessage('node:https', NO_NETWORK), line: 1 },
    ]);
    expect(await lint('electron/main/planted.ts', "import { app, net } from 'electron';\nvoid net.fetch(app.name);\n")).toEqual([
      { rule: 'no-restricted-imports', message: `'net' import from 'electron' is restricted. ${NO_NETWORK}`, line: 1 },
    ]);
  });

  it.each([
    ['electron/core/services/planted.ts', "export const load = () => import('node:https');\n", NO_NETWORK],
    ['electron/main/planted.ts', "export const load = () => import('http');\n", NO_NETWORK],
    ['electron/core/store/planted.ts', "const name = 'https';\nexport const load = () => import(name);\n", NO_COMPUTED_LOAD],
    ['electron/core/store/planted.ts', "export const load = () => import(`node:${'https'}`);\n", NO_COMPUTED_LOAD],
    ['electron/core/store/planted.ts', "declare const require: (m: string) => unknown;\nexport const http = require('http');\n", NO_NETWORK],
    ['electron/main/planted.ts', "import { createRequire } from 'node:module';\nexport const https = createRequire(import.meta.url)('https');\n", NO_NETWORK],
    ['electron/core/store/planted.ts', "declare const require: (m: string) => unknown;\nconst m = 'net';\nexport const net = require(m);\n", NO_COMPUTED_LOAD],
  ])('refuses what a static rule cannot see: %s %s', async (file, code, message) => {
    const found = await lint(file, code);
    expect(found).toEqual([{ rule: 'no-restricted-syntax', message, line: code.split('\n').length - 1 }]);
  });

  it.each(['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource'])('refuses the global %s, bare or through globalThis', async (name) => {
    expect(await lint('electron/core/services/planted.ts', `export const x = ${name};\n`)).toEqual([
      { rule: 'no-restricted-globals', message: `Unexpected use of '${name}'. ${NO_NETWORK_GLOBAL}`, line: 1 },
    ]);
    expect(await lint('electron/main/planted.ts', `export const x = globalThis.${name};\n`)).toEqual([
      { rule: 'no-restricted-properties', message: `'globalThis.${name}' is restricted from being used. ${NO_NETWORK_GLOBAL}`, line: 1 },
    ]);
  });

  it('refuses process.binding', async () => {
    expect(await lint('electron/core/store/planted.ts', "export const tcp = process.binding('tcp_wrap');\n")).toEqual([
      { rule: 'no-restricted-properties', message: `'process.binding' is restricted from being used. ${NO_BINDING}`, line: 1 },
    ]);
  });

  it('cannot be switched off by a comment in main or core', async () => {
    for (const file of ['electron/core/store/planted.ts', 'electron/main/planted.ts']) {
      const found = await lint(file, "// eslint-disable-next-line no-restricted-imports\nimport 'node:https';\n");
      expect(found).toContainEqual({ rule: 'no-restricted-imports', message: importMessage('node:https', NO_NETWORK), line: 2 });
      const blanket = await lint(file, "/* eslint-disable */\nexport const x = fetch;\n");
      expect(blanket).toContainEqual({ rule: 'no-restricted-globals', message: `Unexpected use of 'fetch'. ${NO_NETWORK_GLOBAL}`, line: 2 });
    }
  });

  it('reports a disable comment that silences nothing, elsewhere', async () => {
    expect(await lint('shared/planted.ts', '// eslint-disable-next-line no-debugger\nexport const x = 1;\n')).toEqual([
      { rule: null, message: "Unused eslint-disable directive (no problems were reported from 'no-debugger').", line: 1 },
    ]);
  });
});

describe('the lint rules that keep the three worlds apart', () => {
  it('refuses electron in core', async () => {
    expect(await lint('electron/core/services/planted.ts', "import { app } from 'electron';\napp.quit();\n")).toEqual([
      { rule: 'no-restricted-imports', message: "'electron' import is restricted from being used. electron/core is plain Node: it never imports electron.", line: 1 },
    ]);
  });

  it.each(['../../main/ipc', '../main', '../../../electron/main/app-path'])('refuses electron/main in core as %s', async (specifier) => {
    for (const file of ['electron/core/services/planted.ts', 'electron/core/services/planted.test.ts']) {
      expect(await lint(file, `import { x } from '${specifier}';\nexport const y = x;\n`)).toEqual([
        { rule: 'no-restricted-imports', message: `'${specifier}' import is restricted from being used by a pattern. ${NO_MAIN_FROM_CORE}`, line: 1 },
      ]);
    }
  });

  it('refuses Node and electron/ in the renderer', async () => {
    expect(await lint('renderer/src/planted.ts', "import { readFileSync } from 'node:fs';\nreadFileSync('x');\n")).toEqual([
      { rule: 'no-restricted-imports', message: "'node:fs' import is restricted from being used by a pattern. The renderer has no Node.", line: 1 },
    ]);
    expect(await lint('renderer/src/planted.ts', "import { openStore } from '../../electron/core/store/db';\nopenStore('x');\n")).toEqual([
      {
        rule: 'no-restricted-imports',
        message: "'../../electron/core/store/db' import is restricted from being used by a pattern. The renderer imports shared/, never electron/.",
        line: 1,
      },
    ]);
  });

  it('accepts what core may import', async () => {
    expect(await lint('electron/core/store/fine.ts', "import { readFileSync } from 'node:fs';\nimport { LABELS } from '../../../shared/model';\nreadFileSync(String(LABELS));\n")).toEqual([]);
  });

  it('refuses @ts-ignore anywhere', async () => {
    expect(await lint('shared/planted.ts', '// @ts-ignore\nexport const x: number = 1;\n')).toEqual([
      { rule: '@typescript-eslint/ban-ts-comment', message: 'Use "@ts-expect-error" instead of "@ts-ignore", as "@ts-ignore" will do nothing if the following line is error-free.', line: 1 },
    ]);
  });
});
