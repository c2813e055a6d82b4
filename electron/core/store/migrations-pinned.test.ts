import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsDir } from './db';

/**
 * Every migration file's sha256. A library records only the number of the last migration it ran,
 * so a migration changed after release is never run again where the old one already ran: those
 * libraries and new ones silently get different schemas. A change goes in a new numbered file,
 * which needs its own entry here. Line endings are normalised, so a checkout that turns them
 * into CRLF still matches.
 */
const PINNED: Record<string, string> = {
  '0001-initial.sql': '888503826d34bb626618b93ade0e04bcf54608672862b6949b041a2f7f367892',
  '0002-annotation-conflicts.sql': 'dac3e10a077279f1bb2dcb53f05489c236915996fa7b2df1d05561f46a20be94',
  '0003-fts-secure-delete.sql': '0348e37a748fe407138be8ccdeaa2a5fb393542147de72ee94c3867dbf3049ae',
  '0004-annotation-search.sql': '8d4ee377eaa7c9d88a8c9691ef277f4bd6f61a28aad71822d2c5e5b7454fc1d1',
  '0005-annotation-history.sql': '4c2b5e831adb5ee96e8c37c90ba322a5075480a3b3d25828969de8bcf36361e1',
  '0006-search-words-and-list-indexes.sql': 'ae92cfc47d5611a6693001e5052408b08f6c7c5a79369cf0f30faa4a15412a25',
  '0007-history-goes-with-tombstones.sql': 'c3734a91e45eb6b77f685c378a17cd1395bdea86788ea04d3b8f17e69bdb9fd1',
  '0008-entity-registry.sql': '848556eddf372bbd6913001e550af09fc76bebb454d350d8727a5459d93ee7ae',
  '0009-event-roles-and-incidents.sql': '3b55a384fea10c262cc4c278735176a80386bb1d95c105e5be6ab658b011511d',
  '0010-article-provenance.sql': '4eb97c0b970894b29fe9f27aef868588d2bf3e0515426d782163e40671860acf',
  '0011-article-removed-parts.sql': '448d462f3d1bc7ee154c280521a494c059da0205e9bd42822e830406420bc3a9',
  '0012-figure-disagreements.sql': '83707b60572bdd1292e8ad5b204ff715bd0db3f0fbc43d8ef62ec6df13e1a2e4',
  '0013-event-rows.sql': '993ce033c7a46d76b5868fd421e563fbe292524a9d29d3c865dcc859d89fec40',
  '0014-disagreements-in-scope-order.sql': '17e2f2d710ac3adae066e884448f871070d32530f000af79f7b5a99bf1177158',
  '0015-search-prefixes-four-five.sql': '24e83753436d2f4cd6d32738761641d9713873a040432c5de704f50231d5221b',
  '0016-suggestion-scans.sql': 'facc3103e908f77b6d1f7cb1cafb1890811105d5cba0866d164841f7538105d5',
  '0017-entities-kept-apart.sql': '0a2648bf3a2ef16811846593515c99bcccf9a78e9a71bd295551ab4a179a1b3c',
  '0018-event-rows-incident.sql': '8a5dc17b44a156d228fc36ee08101004a8b2cf23853ac393cffdaf38a91c4aec',
  '0019-search-index-rebuilt-in-background.sql': 'd2cebc1c5f5463bac07c096f5986ceef9284d2bb28a24afa675114e65617257d',
  '0020-figure-facts.sql': '54668297f8428a31a6e8329120d6bae38774e29ccca252681490dce3baca4350',
  '0021-disagreement-id-generated.sql': 'ebcc0633479172c94123900d5fed2701dd7bb693017778f1ebd73b45511ec06f',
};

const sha256 = (text: string) => createHash('sha256').update(text.replace(/\r\n/g, '\n'), 'utf8').digest('hex');

describe('released migrations never change', () => {
  const dir = migrationsDir();
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();

  it('has a pinned hash for every migration file, and a file for every pinned hash', () => {
    expect(files).toEqual(Object.keys(PINNED).sort());
  });

  it.each(Object.entries(PINNED))('%s still has its pinned contents', (file, expected) => {
    expect(sha256(readFileSync(join(dir, file), 'utf8'))).toBe(expected);
  });
});
