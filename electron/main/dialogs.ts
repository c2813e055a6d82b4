import type { OpenDialogOptions } from 'electron';
import { IMPORTABLE_EXTENSIONS } from '../core/import';
import { BUNDLE_EXTENSION } from '../core/services/library-import';

/** What the importers read, brat's .ann beside its .txt, and bundles: taken from core so the two stay in step. */
export const IMPORT_EXTENSIONS = [...IMPORTABLE_EXTENSIONS, '.ann', BUNDLE_EXTENSION].map((ext) => ext.slice(1));

/**
 * The Import picker. Files and folders are separate pickers because on Windows and Linux a
 * dialog asked for both ('openFile' with 'openDirectory') shows folders only; macOS alone
 * offers both at once.
 */
export function importDialogOptions(folder: boolean): OpenDialogOptions {
  if (folder) {
    return { title: 'Import every article in a folder', buttonLabel: 'Import', properties: ['openDirectory', 'multiSelections'] };
  }
  return {
    title: 'Import articles or a bundle',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Articles and bundles', extensions: IMPORT_EXTENSIONS },
      // The importers sniff what they are given, so a file with an odd or missing extension can still be tried.
      { name: 'All files', extensions: ['*'] },
    ],
  };
}
