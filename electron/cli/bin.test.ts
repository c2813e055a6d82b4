import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * bin/spanwise.js in a checkout of its own: a bundle that says "bundle", a source that says
 * "source", and the manifest the CLI build writes (out/cli/inputs.json).
 */
function checkout() {
  const dir = mkdtempSync(join(tmpdir(), 'spanwise-bin-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'out/cli'), { recursive: true });
  mkdirSync(join(dir, 'electron/cli'), { recursive: true });
  copyFileSync(join(ROOT, 'bin/spanwise.js'), join(dir, 'bin/spanwise.js'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
  writeFileSync(join(dir, 'out/cli/spanwise.js'), "console.log('bundle', process.argv.slice(2).join(' '));\n");
  writeFileSync(join(dir, 'electron/cli/main.ts'), "const said: string = 'source';\nconsole.log(said, process.argv.slice(2).join(' '));\n");
  const built = Date.now() - 60_000;
  const past = new Date(built - 60_000);
  utimesSync(join(dir, 'electron/cli/main.ts'), past, past);
  const manifest = (files: string[]) => writeFileSync(join(dir, 'out/cli/inputs.json'), JSON.stringify({ startedAt: built, files }));
  manifest(['electron/cli/main.ts']);
  const run = () => spawnSync(process.execPath, [join(dir, 'bin/spanwise.js'), 'stats', '--json'], { encoding: 'utf8', timeout: 60_000 }).stdout.trim();
  return { dir, built, manifest, run };
}

describe('bin/spanwise.js', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('runs the bundle, with the arguments, while no source it was built from is newer', () => {
    const c = checkout();
    dirs.push(c.dir);
    expect(c.run()).toBe('bundle stats --json');
  });

  it('runs the source when a file the bundle was built from changed after the build began', () => {
    const c = checkout();
    dirs.push(c.dir);
    const later = new Date(c.built + 1000);
    utimesSync(join(c.dir, 'electron/cli/main.ts'), later, later);
    expect(c.run()).toBe('source stats --json');
  });

  it('runs the source when a file the bundle was built from is gone, the manifest is missing or unreadable', () => {
    const c = checkout();
    dirs.push(c.dir);
    c.manifest(['electron/cli/main.ts', 'electron/cli/removed.ts']);
    expect(c.run()).toBe('source stats --json');
    c.manifest([]);
    expect(c.run()).toBe('source stats --json');
    writeFileSync(join(c.dir, 'out/cli/inputs.json'), '{"startedAt":');
    expect(c.run()).toBe('source stats --json');
    rmSync(join(c.dir, 'out/cli/inputs.json'));
    expect(c.run()).toBe('source stats --json');
  });
});
