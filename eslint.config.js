import tseslint from 'typescript-eslint';

/** Node modules that open connections. Main and core never import them: the app makes no network request. */
export const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'undici', 'ws', 'node-fetch', 'axios'].flatMap((m) =>
  m.includes('-') || ['undici', 'ws', 'axios'].includes(m) ? [m] : [m, `node:${m}`],
);

const NO_NETWORK = 'Spanwise makes no network request: no networking modules in main or core.';
const NO_NETWORK_GLOBAL = 'Spanwise makes no network request: no fetch, WebSocket, XMLHttpRequest or EventSource in main or core.';
const NO_COMPUTED_LOAD = 'Load modules by a literal name, so the zero-network rule can see what is loaded.';
const NO_BINDING = 'process.binding reaches Node internals (sockets included) past every module rule.';
const NO_MAIN_FROM_CORE = 'core imports shared/ only: never electron/main.';

const network = NETWORK_MODULES.map((name) => ({ name, message: NO_NETWORK }));
const networkName = `/^(${NETWORK_MODULES.map((m) => m.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})$/`;
const NETWORK_GLOBALS = ['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource'];

/**
 * What the static import rule cannot see: dynamic import(), require() (from createRequire too),
 * the global network APIs however they are reached, and Node's internal bindings.
 */
const zeroNetworkRules = {
  'no-restricted-syntax': [
    'error',
    { selector: `ImportExpression[source.value=${networkName}]`, message: NO_NETWORK },
    { selector: "ImportExpression:not([source.type='Literal'])", message: NO_COMPUTED_LOAD },
    { selector: `CallExpression[callee.name='require'][arguments.0.value=${networkName}]`, message: NO_NETWORK },
    { selector: `CallExpression[callee.type='CallExpression'][callee.callee.name='createRequire'][arguments.0.value=${networkName}]`, message: NO_NETWORK },
    { selector: "CallExpression[callee.name='require']:not([arguments.0.type='Literal'])", message: NO_COMPUTED_LOAD },
  ],
  'no-restricted-globals': ['error', ...NETWORK_GLOBALS.map((name) => ({ name, message: NO_NETWORK_GLOBAL }))],
  'no-restricted-properties': [
    'error',
    ...['globalThis', 'global', 'self', 'window'].flatMap((object) => NETWORK_GLOBALS.map((property) => ({ object, property, message: NO_NETWORK_GLOBAL }))),
    { object: 'process', property: 'binding', message: NO_BINDING },
    { object: 'process', property: '_linkedBinding', message: NO_BINDING },
  ],
  // Code built from a string escapes every rule above.
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
};

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'native/**', '.tmp/**', 'test-results/**', 'playwright-report/**', 'release/**'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      'no-debugger': 'error',
    },
  },
  {
    // No comment in main, preload or core can switch a rule off: the zero-network rule is not negotiable.
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'electron/core/**/*.ts'],
    linterOptions: { noInlineConfig: true },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    // Tests may load networking modules to spy on them and prove nothing is requested.
    ignores: ['**/*.test.ts'],
    rules: zeroNetworkRules,
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core is plain Node: it never imports electron.' }, ...network],
          patterns: [
            { group: ['**/renderer', '**/renderer/**'], message: 'core imports shared/ only.' },
            { regex: '(^|/)(electron/main|\\.\\./main)(/|$)', message: NO_MAIN_FROM_CORE },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core is plain Node.' }],
          patterns: [{ regex: '(^|/)(electron/main|\\.\\./main)(/|$)', message: NO_MAIN_FROM_CORE }],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...network, { name: 'electron', importNames: ['net'], message: NO_NETWORK }],
          patterns: [{ group: ['**/renderer', '**/renderer/**'], message: 'main and renderer meet only through shared/ipc.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the backend only through the typed client.' }],
          patterns: [
            { group: ['**/electron/**'], message: 'The renderer imports shared/, never electron/.' },
            { group: ['node:*', 'fs', 'path', 'child_process', 'os', 'crypto'], message: 'The renderer has no Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ has no Electron.' }],
          patterns: [
            { group: ['node:*', 'fs', 'path', 'child_process', 'os', 'crypto'], message: 'shared/ runs in the renderer too: no Node.' },
            { group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'lexical', '@lexical/*'], message: 'shared/ depends on nothing else in the project.' },
          ],
        },
      ],
    },
  },
);
