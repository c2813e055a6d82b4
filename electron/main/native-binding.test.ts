import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeDirName } from '../../scripts/native-build';
import { nativeBindingPath } from './native-binding';

describe('nativeBindingPath', () => {
  it('finds the addon in native/ of a checkout, in the folder the build script writes', () => {
    const checkout = resolve('/home/a/spanwise');
    expect(nativeBindingPath(checkout, '45.4.1')).toBe(join(checkout, 'native', nativeDirName('45.4.1'), 'better_sqlite3.node'));
  });

  it('looks beside app.asar in a package, where asarUnpack puts it', () => {
    const resources = resolve('/opt/Spanwise/resources');
    expect(nativeBindingPath(join(resources, 'app.asar'), '45.4.1')).toBe(join(resources, 'app.asar.unpacked', 'native', 'electron-45.4.1', 'better_sqlite3.node'));
  });

  it('takes an unpacked app folder as it is', () => {
    const app = resolve('/opt/Spanwise/resources/app');
    expect(nativeBindingPath(app, '45.4.1')).toBe(join(app, 'native', 'electron-45.4.1', 'better_sqlite3.node'));
  });
});
