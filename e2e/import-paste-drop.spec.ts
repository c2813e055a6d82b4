import { expect, test } from './support/fixtures';

test('a pasted web page becomes an article with only its text', async ({ page, host }) => {
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/html', '<html><body><nav>Home | World</nav><article><h1>Ferry resumes</h1><p>The Ostrava ferry resumed service on Tuesday after the strike.</p><script>alert(1)</script></article></body></html>');
    data.setData('text/plain', 'Ferry resumes');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  const report = page.getByLabel('Import report');
  await expect(report).toContainText('1 imported');
  await expect(page.locator('[aria-label="Article text"]')).toContainText('The Ostrava ferry resumed service on Tuesday after the strike.');
  await expect(page.locator('[aria-label="Article text"]')).not.toContainText('Home | World');
  expect(await host.backend.dispatch('library/stats', {})).toMatchObject({ value: { articles: 1 } });
});

test('dropped files import with their brat annotations, and what is not an article is listed as skipped', async ({ page, host }) => {
  const dataTransfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    const file = (name: string, content: string | Uint8Array<ArrayBuffer>, type = 'text/plain') => data.items.add(new File([content], name, { type }));
    const text = 'Quay two\n\nThe quay at Ostrava closed on Friday.';
    const start = text.indexOf('The quay');
    file('quay.txt', text);
    file('quay.ann', `T1\tEVENT ${start} ${start + 'The quay at Ostrava closed'.length}\tThe quay at Ostrava closed\n`);
    file('notes.md', '---\ntitle: Bridge notes\n---\n\nThe Kestrel bridge reopened on Sunday.');
    file('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'image/png');
    file('annotation.conf', '[entities]\nEVENT\n');
    file('empty.txt', '');
    return data;
  });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  const report = page.getByLabel('Import report');
  await expect(report).toBeVisible();
  await expect(report.locator('strong')).toHaveText('2 imported, 0 partly imported, 0 duplicate, 1 failed, 2 skipped');
  await expect(report.locator('[data-status="skipped"]').filter({ hasText: 'photo.png' })).toContainText('not an article file (.png)');
  await expect(report.locator('[data-status="skipped"]').filter({ hasText: 'annotation.conf' })).toContainText('brat configuration');
  await expect(report.locator('[data-status="failed"]').filter({ hasText: 'empty.txt' })).toContainText('empty file');
  await expect(report.locator('[data-status="imported"]').filter({ hasText: 'quay.txt' })).toBeVisible();

  const articles = page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
  await articles.filter({ hasText: 'Quay two' }).click();
  // The .ann travelled with its .txt: the event is on the text.
  await expect(page.locator('[aria-label="Article text"] mark[data-labels="event"]')).toHaveText('The quay at Ostrava closed');
  expect(await host.backend.dispatch('library/stats', {})).toMatchObject({ value: { articles: 2, annotations: 1 } });
});

test('a drop the store refuses part-way ends its import, lists the files not sent and says why', async ({ page, host }) => {
  host.refuseNext('import/add', 'the disk is full');
  const dataTransfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['Dock strike\n\nDockers at Ostrava walked out on Monday.'], 'dock.txt', { type: 'text/plain' }));
    data.items.add(new File(['Rail strike\n\nRail workers joined them on Tuesday.'], 'rail.txt', { type: 'text/plain' }));
    return data;
  });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByRole('alert')).toContainText('Import failed while sending the dropped files: the disk is full');
  const report = page.getByLabel('Import report');
  await expect(report.locator('strong')).toHaveText('0 imported, 0 partly imported, 0 duplicate, 2 failed');
  for (const name of ['dock.txt', 'rail.txt']) {
    await expect(report.locator('[data-status="failed"]').filter({ hasText: name })).toContainText('not sent: the disk is full');
  }
  await expect(page.getByLabel('Import progress')).toHaveCount(0);
  expect(await host.backend.dispatch('library/stats', {})).toMatchObject({ value: { articles: 0 } });
});
