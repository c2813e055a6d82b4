import { expect, test } from './support/fixtures';
import { importArticle, saved, stored } from './support/articles';
import { selectText } from './support/text';

const TEXT = `Council approves budget

Mayor Clara Dovic said the council approved around 80 new buses on Tuesday.

Councillor Henrik Salo disputed the cost.`;

test('select an annotation to retag it, note it, set attributes, and delete it; all survive a reload', async ({ page, host, workDir, openApp }) => {
  await importArticle(page, host, workDir, 'budget.txt', TEXT);

  await selectText(page, 'Mayor Clara Dovic');
  await page.keyboard.press('3');
  await selectText(page, 'around 80 new buses');
  await page.keyboard.press('4');
  await selectText(page, 'Councillor Henrik Salo disputed the cost');
  await page.keyboard.press('2');
  await selectText(page, 'on Tuesday');
  await page.keyboard.press('1');
  await saved(page);

  // Figure values are pre-filled from the quoted text.
  const details = page.getByLabel('Annotation details');
  const panel = page.getByRole('list', { name: 'Annotations' });
  await panel.getByRole('listitem').filter({ hasText: 'around 80 new buses' }).click();
  await expect(details.getByLabel('Value')).toHaveValue('80');
  await expect(details.getByLabel('Qualifier')).toHaveValue('approximate');
  await details.getByLabel('Unit').fill('buses');

  // Retag the claim as an event, set its date and note; then back to a claim with a linked claimant.
  await panel.getByRole('listitem').filter({ hasText: 'Councillor Henrik Salo' }).click();
  await details.getByLabel('Label').selectOption('event');
  await details.getByLabel(/^Date/).fill('2025-11');
  await details.getByLabel('Note').fill('Cost dispute;\tsee "minutes", p. 4');
  await details.getByLabel('Label').selectOption('claim');
  await details.getByLabel('Status').selectOption('disputed');
  // The claimant is picked from the article's actors, each shown with where it stands.
  const linked = details.getByLabel('Linked actor');
  await expect(linked.getByRole('option', { name: /^Mayor Clara Dovic \(¶2: \[Mayor Clara Dovic\] said the council…\)$/ })).toHaveCount(1);
  await linked.selectOption({ label: (await linked.getByRole('option', { name: /Mayor Clara Dovic/ }).textContent()) ?? '' });
  await expect(details.getByLabel('Claimant')).toHaveValue('Mayor Clara Dovic');
  await saved(page);

  // Remove the event with the Delete key.
  await panel.getByRole('listitem').filter({ hasText: 'on Tuesday' }).click();
  await page.locator('[aria-label="Article text"]').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Delete');
  await saved(page);

  const fresh = await openApp();
  await fresh.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: /Council approves budget/ }).click();
  await expect(fresh.getByRole('list', { name: 'Annotations' }).getByRole('listitem')).toHaveCount(3);
  const annotations = await stored(host);
  const actor = annotations.find((a) => a.label === 'actor');
  expect(actor?.quote).toBe('Mayor Clara Dovic');
  expect(annotations.map((a) => ({ label: a.label, quote: a.quote, note: a.note, attrs: a.attrs }))).toEqual([
    { label: 'actor', quote: 'Mayor Clara Dovic', note: '', attrs: {} },
    { label: 'figure', quote: 'around 80 new buses', note: '', attrs: { value: 80, qualifier: 'approximate', unit: 'buses' } },
    {
      label: 'claim',
      quote: 'Councillor Henrik Salo disputed the cost',
      note: 'Cost dispute;\tsee "minutes", p. 4',
      // The claimant is linked to the actor annotation, not only typed.
      attrs: { status: 'disputed', claimant: 'Mayor Clara Dovic', claimantId: actor?.id },
    },
  ]);
});
