import tseslint from 'typescript-eslint';

/** Node modules that open connections. Main and core never import them: the app makes no network request. */
export const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'undici', 'ws', 'node-fetch', 'axios'].flatMap((m) =>
  m.includes('-') || ['undici', 'ws', 'axios'].includes(m) ? [m] : [m, `node:${m}`],
);

const network = NETWORK_MODULES.map((name) => ({ name, message: 'Spanwise makes no network request: no networking modules in main or core.' }));

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
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
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts'],
    // Tests may load networking modules to spy on them and prove nothing is requested.
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core is plain Node: it never imports electron.' }, ...network],
          patterns: [{ group: ['**/renderer/**', '**/electron/main/**'], message: 'core imports shared/ only.' }],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron/core is plain Node.' }] }] },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: network, patterns: [{ group: ['**/renderer/**'], message: 'main and renderer meet only through shared/ipc.' }] }],
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
