import { join } from 'node:path';
import { exportCorpus } from '../electron/core/export';
import { openStore } from '../electron/core/store/db';
import { buildRegistryCorpus } from '../electron/core/testing/registry-corpus';
import { expect, test } from './support/fixtures';
import { createEntity, entities } from './support/registry';

test('a bundle’s entity named like one here is kept apart and offered in the import report; merging it moves its mentions, and the merge is undone there', async ({ page, host, workDir }) => {
  // The analyst's own registry names him in capitals with an accent; the colleague's another way.
  const mine = await createEntity(host, { name: 'VOLODYMYR ZELENSKÝ', actorKind: 'person' });

  // The colleague's machine: the registry corpus (Latin and Cyrillic names, every mention linked),
  // sent as a bundle. No channel writes to a path the renderer names, so these are direct core calls.
  const colleague = openStore(join(workDir, 'colleague.db'));
  await buildRegistryCorpus(colleague);
  const theirs = colleague.prepare("SELECT id FROM entities WHERE name = 'Volodymyr Zelensky'").pluck().get() as string;
  const bundle = join(workDir, 'colleague.spanwise');
  await exportCorpus(colleague, { format: 'bundle', out: bundle });
  colleague.close();

  host.setDialogAnswer([bundle]);
  await page.getByRole('button', { name: 'Import' }).click();
  const report = page.getByLabel('Import report');
  await expect(report).toContainText('4 new entities');
  await expect(report).toContainText('1 entity named like one here, kept apart and offered as a merge');
  const offers = report.getByRole('list', { name: 'Entities to merge' });
  await expect(offers.getByRole('listitem')).toHaveCount(1);
  await expect(offers).toContainText('Both actors are named “Volodymyr Zelensky”');

  // Nothing was merged behind the analyst's back: two entities, the bundle's holding its mentions.
  const before = await entities(host);
  expect(before.filter((e) => /zelensk/i.test(e.name)).map((e) => [e.id, e.mentions]).sort()).toEqual(
    [
      [mine.id, 0],
      [theirs, 4],
    ].sort(),
  );

  const zelenskys = async () => (await entities(host)).filter((e) => /zelensk/i.test(e.name)).map((e) => [e.id, e.mentions, e.aliases]);
  const apart = await zelenskys();
  const accept = offers.getByRole('button', { name: 'Merge “Volodymyr Zelensky” from the bundle into “VOLODYMYR ZELENSKÝ”' });
  await accept.click();
  await expect(offers.getByRole('status')).toHaveText('Merged into “VOLODYMYR ZELENSKÝ” (4 mentions moved).');
  expect(await zelenskys()).toEqual([[mine.id, 4, ['Zelenskyy', 'Зеленський', 'Zelensky']]]);

  // The report's Undo merge puts the two apart again, as the bundle left them; then it is accepted for good.
  await offers.getByRole('button', { name: 'Undo merge' }).click();
  await expect(accept).toBeVisible();
  expect(await zelenskys()).toEqual(apart);
  await accept.click();
  await expect(offers.getByRole('status')).toContainText('4 mentions moved');

  // The Actors view shows one Zelensky with every mention.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Actors' }).click();
  const list = page.getByRole('list', { name: 'Actors' });
  await expect(list.getByRole('listitem').filter({ hasText: 'VOLODYMYR ZELENSKÝ' })).toContainText('4 mentions');
  await expect(list.getByRole('listitem').filter({ hasText: /zelensk/i })).toHaveCount(1);
});

test('a pair kept apart in the import report is not offered again by the next import of the bundle, which counts it instead', async ({ page, host, workDir }) => {
  await createEntity(host, { name: 'VOLODYMYR ZELENSKÝ', actorKind: 'person' });
  const colleague = openStore(join(workDir, 'colleague.db'));
  await buildRegistryCorpus(colleague);
  const bundle = join(workDir, 'colleague.spanwise');
  await exportCorpus(colleague, { format: 'bundle', out: bundle });
  colleague.close();

  host.setDialogAnswer([bundle]);
  await page.getByRole('button', { name: 'Import' }).click();
  const offers = page.getByLabel('Import report').getByRole('list', { name: 'Entities to merge' });
  await offers.getByRole('button', { name: 'Keep “Volodymyr Zelensky” from the bundle into “VOLODYMYR ZELENSKÝ” apart' }).click();
  await expect(offers.getByRole('status')).toHaveText('Kept apart: this library will not offer the pair again.');

  host.setDialogAnswer([bundle]);
  await page.getByRole('button', { name: 'Import' }).click();
  const report = page.getByLabel('Import report');
  await expect(report).toContainText('1 entity named like one here, kept apart as chosen before');
  await expect(report.getByRole('list', { name: 'Entities to merge' })).toHaveCount(0);
  expect((await entities(host)).filter((e) => /zelensk/i.test(e.name))).toHaveLength(2);
});
