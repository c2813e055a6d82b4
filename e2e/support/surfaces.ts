import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { exportCorpus } from '../../electron/core/export';
import { insertArticle } from '../../electron/core/store/articles';
import { openStore } from '../../electron/core/store/db';
import { expect } from './fixtures';
import { selectText } from './text';

/**
 * Every dialog, menu and drawer the accessibility spec checks, in one place: a new one is added
 * here with how to open it (from the library with the sample article open, see accessibility.spec)
 * and how to leave it. The views themselves need no entry: the spec visits every button of the
 * navigation labelled Views, so a new view is checked as soon as it is in the navigation.
 */
export interface Surface {
  name: string;
  /** Opens it, starting from the Library view with the sample article open. */
  open(page: Page): Promise<void>;
  /** Back to where open started. */
  close(page: Page): Promise<void>;
  /** A window size other than the spec's default, for drawers. */
  viewport?: { width: number; height: number };
}

const escape = async (page: Page, gone: string) => {
  await page.keyboard.press('Escape');
  await expect(page.locator(gone)).toHaveCount(0);
};

/** A one-article bundle sealed with a passphrase, as base64: what the passphrase dialog is opened with. */
let sealed: Promise<string> | null = null;
function sealedBundle(): Promise<string> {
  sealed ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spanwise-surface-'));
    const db = openStore(join(dir, 'colleague.db'));
    insertArticle(db, { title: 'Sealed report', source: null, url: null, author: null, publishedAt: null, language: 'en', text: 'Sealed report\n\nThe ferry ran late on Monday.' });
    const out = join(dir, 'sealed.spanwise');
    await exportCorpus(db, { format: 'bundle', out, passphrase: 'surface check' });
    db.close();
    return readFileSync(out).toString('base64');
  })();
  return sealed;
}

export const SURFACES: Surface[] = [
  {
    name: 'annotation details',
    open: async (page) => {
      await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').filter({ hasText: '40 trucks' }).first().click();
      await expect(page.getByRole('region', { name: 'Annotation details' })).toBeVisible();
    },
    close: async () => {},
  },
  {
    name: 'event details: codebook, role pickers, incident',
    open: async (page) => {
      await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').filter({ hasText: 'counted 40 trucks' }).first().click();
      const actor = page.getByRole('region', { name: 'Annotation details' }).getByRole('combobox', { name: 'Actor', exact: true });
      await actor.focus();
      await expect(actor).toHaveAttribute('aria-expanded', 'true');
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'linked entity field, open',
    open: async (page) => {
      await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').filter({ hasText: 'Officials in Dorn' }).click();
      const field = page.getByRole('combobox', { name: 'Linked entity' });
      await field.focus();
      await field.fill('Harb');
      await expect(field).toHaveAttribute('aria-expanded', 'true');
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'keyboard shortcuts dialog',
    open: async (page) => {
      await page.locator('body').press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    },
    close: (page) => escape(page, '.shortcuts-dialog'),
  },
  {
    name: 'export dialog',
    open: async (page) => {
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
    },
    close: (page) => escape(page, '[role="dialog"][aria-label="Export"]'),
  },
  {
    name: 'context menu',
    open: async (page) => {
      await selectText(page, 'harbour');
      await page.getByRole('textbox', { name: 'Article text' }).focus();
      await page.keyboard.press('Shift+F10');
      await expect(page.getByRole('menu')).toBeVisible();
    },
    close: (page) => escape(page, '[role="menu"]'),
  },
  {
    name: 'article details form',
    open: async (page) => {
      await page.getByRole('button', { name: 'Edit details' }).click();
      await expect(page.getByRole('form', { name: 'Article details' })).toBeVisible();
    },
    close: async (page) => {
      await page.getByRole('button', { name: 'Edit details' }).click();
    },
  },
  {
    name: 'delete article confirmation',
    open: async (page) => {
      await page.getByRole('button', { name: 'Delete article' }).click();
      await expect(page.getByRole('alertdialog', { name: 'Delete article' })).toBeVisible();
    },
    close: async (page) => {
      await page.getByRole('alertdialog', { name: 'Delete article' }).getByRole('button', { name: 'Keep' }).click();
    },
  },
  {
    name: 'search results in annotations',
    open: async (page) => {
      await page.getByRole('group', { name: 'Search in' }).getByRole('button', { name: 'Annotations' }).click();
      await page.getByLabel('Search articles').fill('harbour');
      await expect(page.getByRole('listbox', { name: 'Annotation results' }).getByRole('option').first()).toBeVisible();
    },
    close: async (page) => {
      await page.getByLabel('Search articles').fill('');
      await page.getByRole('group', { name: 'Search in' }).getByRole('button', { name: 'Articles' }).click();
    },
  },
  {
    name: 'library drawer',
    viewport: { width: 1000, height: 700 },
    open: async (page) => {
      await page.getByRole('button', { name: 'Show library' }).click();
      await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible();
    },
    close: async (page) => {
      await page.getByRole('button', { name: 'Hide library' }).click();
    },
  },
  {
    name: 'annotations drawer',
    viewport: { width: 800, height: 600 },
    open: async (page) => {
      await page.getByRole('button', { name: 'Show annotations' }).click();
      await expect(page.getByRole('group', { name: 'Filter annotations' })).toBeVisible();
    },
    close: async (page) => {
      await page.getByRole('button', { name: 'Hide annotations' }).click();
    },
  },
  {
    name: 'encrypted bundle passphrase dialog',
    open: async (page) => {
      const data = await page.evaluateHandle((b64) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'sealed.spanwise'));
        return transfer;
      }, await sealedBundle());
      await page.dispatchEvent('body', 'dragover', { dataTransfer: data });
      await page.dispatchEvent('body', 'drop', { dataTransfer: data });
      await expect(page.getByRole('dialog', { name: 'Encrypted bundle' }).getByLabel('Bundle passphrase')).toBeFocused();
    },
    close: async (page) => {
      // Escape skips the bundle; the report that says so is closed too.
      await page.keyboard.press('Escape');
      const report = page.getByLabel('Import report');
      await expect(report).toContainText('no passphrase was given');
      await report.getByRole('button', { name: 'Close' }).click();
    },
  },
];
