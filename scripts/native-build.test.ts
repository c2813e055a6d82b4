import { describe, expect, it } from 'vitest';
import { cleanBuildEnv, needsBuild, type NativeStamp } from './native-build';

describe('cleanBuildEnv', () => {
  it("drops npm's build settings, however npm spelt them, and keeps everything else", () => {
    const env = {
      npm_config_nodedir: '/usr/include/node',
      npm_config_target: '20.19.0',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      NPM_CONFIG_DIST_URL: 'https://nodejs.org/dist',
      'npm_config_build-from-source': 'true',
      npm_config_target_arch: 'x64',
      npm_config_arch: 'x64',
      npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
      npm_config_https_proxy: 'http://proxy.local:3128',
      npm_config_cache: '/home/a/.npm',
      npm_lifecycle_event: 'start',
      PATH: '/usr/bin',
      HOME: '/home/a',
    };
    expect(cleanBuildEnv(env)).toEqual({
      npm_config_https_proxy: 'http://proxy.local:3128',
      npm_config_cache: '/home/a/.npm',
      npm_lifecycle_event: 'start',
      PATH: '/usr/bin',
      HOME: '/home/a',
    });
  });

  it('leaves the input alone', () => {
    const env = { npm_config_nodedir: '/x' };
    cleanBuildEnv(env);
    expect(env).toEqual({ npm_config_nodedir: '/x' });
  });
});

describe('needsBuild', () => {
  const wanted: NativeStamp = { electron: '45.4.1', abi: '140', platform: 'linux', arch: 'x64', sqlitePackage: 'better-sqlite3-multiple-ciphers', betterSqlite3: '12.6.2' };

  it('keeps a build whose stamp matches', () => {
    expect(needsBuild({ ...wanted }, wanted, true)).toBe(false);
  });

  it('rebuilds an addon of plain better-sqlite3 of the same version, which cannot open an encrypted library', () => {
    expect(needsBuild({ electron: '45.4.1', abi: '140', platform: 'linux', arch: 'x64', betterSqlite3: '12.6.2' }, wanted, true)).toBe(true);
    expect(needsBuild({ ...wanted, sqlitePackage: 'better-sqlite3' }, wanted, true)).toBe(true);
  });

  it('rebuilds when the addon or its stamp is missing', () => {
    expect(needsBuild(wanted, wanted, false)).toBe(true);
    expect(needsBuild(null, wanted, true)).toBe(true);
    expect(needsBuild('45.4.1', wanted, true)).toBe(true);
  });

  it.each(['electron', 'abi', 'platform', 'arch', 'betterSqlite3'] as const)('rebuilds when %s differs', (key) => {
    expect(needsBuild({ ...wanted, [key]: 'other' }, wanted, true)).toBe(true);
  });

  it('rebuilds an old stamp that lacks a field', () => {
    const { abi: _abi, ...old } = wanted;
    expect(needsBuild(old, wanted, true)).toBe(true);
  });
});
