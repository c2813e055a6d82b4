import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the lint rules that keep the three worlds apart', () => {
  it.each(['node:https', 'https', 'node:http', 'node:net', 'node:tls', 'node:dgram', 'undici'])('refuse %s in core', async (module) => {
    const found = await problems('electron/core/store/planted.ts', `import '${module}';\n`);
    expect(found.some((p) => p.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('refuses networking in main', async () => {
    expect(await problems('electron/main/planted.ts', "import { request } from 'node:https';\nrequest('x');\n")).not.toEqual([]);
  });

  it('refuses electron in core and node in the renderer', async () => {
    expect(await problems('electron/core/services/planted.ts', "import { app } from 'electron';\napp.quit();\n")).not.toEqual([]);
    expect(await problems('renderer/src/planted.ts', "import { readFileSync } from 'node:fs';\nreadFileSync('x');\n")).not.toEqual([]);
    expect(await problems('renderer/src/planted.ts', "import { openStore } from '../../electron/core/store/db';\nopenStore('x');\n")).not.toEqual([]);
  });

  it('accepts what core may import', async () => {
    expect(await problems('electron/core/store/fine.ts', "import { readFileSync } from 'node:fs';\nimport { LABELS } from '../../../shared/model';\nreadFileSync(String(LABELS));\n")).toEqual([]);
  });

  it('refuses @ts-ignore anywhere', async () => {
    expect(await problems('shared/planted.ts', '// @ts-ignore\nexport const x: number = 1;\n')).not.toEqual([]);
  });
});
