import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { selectText } from './support/text';

const TEXT = `Shelling report

More than 90 shells hit the district, the governor Anna Kovel said on 2025-03-04.

Kovel's office later gave a lower count.`;

test('retagging to Figure reads the value from the quote; what the old label had is named, and undo brings it back', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'shelling.txt', TEXT);
  await selectText(page, 'More than 90 shells');
  await page.keyboard.press('1');
  await saved(page);
  const details = page.getByLabel('Annotation details');
  await details.getByLabel(/^Date/).fill('2025-03');
  await details.getByLabel('Location').fill('the district');
  await saved(page);

  await details.getByLabel('Label').selectOption('figure');
  await saved(page);
  await expect(details.getByLabel('Value')).toHaveValue('90');
  await expect(details.getByLabel('Qualifier')).toHaveValue('at least');
  await expect(details.getByLabel('Unit')).toHaveValue('shell');
  await expect(page.locator('.notice-line')).toHaveText('Retagged as Figure: dropped date, location (undo brings them back)');
  expect((await stored(host))[0]).toMatchObject({ label: 'figure', attrs: { value: 90, qualifier: 'at least', unit: 'shell' } });

  await page.getByRole('button', { name: 'Undo' }).click();
  await saved(page);
  expect((await stored(host))[0]).toMatchObject({ label: 'event', attrs: { date: '2025-03', location: 'the district' } });
  await expect(details.getByLabel(/^Date/)).toHaveValue('2025-03');

  // A retag by key does the same.
  await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').click();
  await page.keyboard.press('4');
  await saved(page);
  expect((await stored(host))[0]).toMatchObject({ label: 'figure', attrs: { value: 90, qualifier: 'at least', unit: 'shell' } });
});

test('a claimant links to the actor picked, jumps to it, keeps it from being retagged, and shows as broken when that actor is deleted', async ({ page, host, workDir }) => {
  await importArticle(page, host, workDir, 'shelling.txt', TEXT);
  await selectText(page, 'Anna Kovel');
  await page.keyboard.press('3');
  await selectText(page, 'Kovel', 1);
  await page.keyboard.press('3');
  await selectText(page, "Kovel's office later gave a lower count.");
  await page.keyboard.press('2');
  await saved(page);
  const details = page.getByLabel('Annotation details');
  const linked = details.getByLabel('Linked actor');
  // Two actors with the same words are told apart by where they stand.
  await expect(linked.getByRole('option')).toHaveText([
    '— not linked —',
    /^Anna Kovel \(¶2: ….*the governor \[Anna Kovel\] said on/,
    /^Kovel \(¶3: \[Kovel\]'s office later/,
  ]);
  const second = (await stored(host)).find((a) => a.quote === 'Kovel');
  await linked.selectOption(second?.id ?? '');
  await saved(page);
  expect((await stored(host)).find((a) => a.label === 'claim')?.attrs).toEqual({ claimant: 'Kovel', claimantId: second?.id });

  await details.getByRole('button', { name: 'Show linked actor' }).click();
  await expect(details.getByLabel('Label')).toHaveValue('actor');
  await expect(page.locator('mark[data-selected="true"]')).toHaveText('Kovel');
  // A claimant is an actor annotation: retagging it is refused, naming the claim, and nothing changes.
  await details.getByLabel('Label').selectOption('event');
  await expect(page.getByRole('alert')).toContainText('unlink it from the claim first');
  expect((await stored(host)).find((a) => a.id === second?.id)?.label).toBe('actor');
  await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
  // Deleted, it leaves the claim's link broken.
  await details.getByRole('button', { name: 'Delete annotation' }).click();
  await saved(page);

  await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').filter({ hasText: "Kovel's office" }).click();
  await expect(details.getByRole('status')).toHaveText('Broken link: the linked actor was deleted or retagged.');
  await expect(details.getByRole('button', { name: 'Show linked actor' })).toHaveCount(0);
  await linked.selectOption('');
  await saved(page);
  expect((await stored(host)).find((a) => a.label === 'claim')?.attrs).toEqual({ claimant: 'Kovel' });
});
