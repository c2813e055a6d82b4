import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../testing/tmp';
import { streamJsonl } from './jsonl-stream';
import type { HashedDraft } from './types';

const tmp = useTmpDir();

const line = (title: string, text: string) => `${JSON.stringify({ title, text })}\n`;

async function read(bytes: Buffer) {
  const file = join(tmp(), 'mixed.jsonl');
  writeFileSync(file, bytes);
  const drafts: HashedDraft[] = [];
  const end = await streamJsonl(file, file, async (chunk) => {
    drafts.push(...chunk);
  });
  return { end, texts: drafts.map((d) => d.text) };
}

const RUSSIAN = 'Министерство обороны сообщило, что над регионом были сбиты восемьдесят беспилотников.';
const UKRAINIAN = 'Повітряні сили повідомили про сімдесят шість збитих дронів над областю минулої ночі.';
const FRENCH = "Le ministère a déclaré que la réunion prévue à Genève était reportée à la semaine prochaine, faute d'accord.";

describe('streamJsonl decodes each line on its own', () => {
  it('reads a valid UTF-8 line as UTF-8 in a file whose head is in a legacy encoding', async () => {
    const bytes = Buffer.concat([iconv.encode(line('Один', RUSSIAN), 'windows-1251'), Buffer.from(line('Два', UKRAINIAN), 'utf8'), iconv.encode(line('Три', RUSSIAN), 'windows-1251')]);
    const { end, texts } = await read(bytes);
    expect(texts).toEqual([RUSSIAN, UKRAINIAN, RUSSIAN]);
    expect(end).toMatchObject({ ok: true, warnings: ['2 lines not valid UTF-8; decoded as windows-1251'] });
  });

  it('reads a legacy line in its own encoding in a file otherwise UTF-8, rather than as U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from(line('First', 'Plain text first.') + line('Second', UKRAINIAN), 'utf8'), iconv.encode(line('Third', FRENCH), 'windows-1252')]);
    const { end, texts } = await read(bytes);
    expect(texts).toEqual(['Plain text first.', UKRAINIAN, FRENCH]);
    expect(end).toMatchObject({ ok: true, warnings: [expect.stringMatching(/^1 line not valid UTF-8; decoded as (windows-1252|iso8859-15)$/)] });
  });

  it('judges the encoding of a legacy line past the head on that line', async () => {
    const ascii = Array.from({ length: 16_000 }, (_, i) => line(`R${i}`, `Plain record number ${i} of a large export.`)).join('');
    expect(ascii.length).toBeGreaterThan(1 << 20);
    const { end, texts } = await read(Buffer.concat([Buffer.from(ascii, 'utf8'), iconv.encode(line('Last', FRENCH), 'windows-1252')]));
    expect(texts.at(-1)).toBe(FRENCH);
    expect(end).toMatchObject({ ok: true, warnings: [expect.stringMatching(/^1 line not valid UTF-8; decoded as (windows-1252|iso8859-15)$/)] });
  });

  it('keeps a few broken bytes in a UTF-8 line as U+FFFD, and says where', async () => {
    const good = Buffer.from(line('Good', UKRAINIAN), 'utf8');
    const broken = Buffer.from(line('Broken', UKRAINIAN), 'utf8');
    broken[broken.indexOf('сімдесят') + 1] = 0xff;
    const { end, texts } = await read(Buffer.concat([good, broken]));
    expect(texts[1]).toContain('\uFFFD');
    expect(end).toMatchObject({ ok: true, warnings: [expect.stringMatching(/^line 2: not valid UTF-8 in [12] places?;/)] });
  });

  it('says the whole file was decoded when every line was', async () => {
    const { end, texts } = await read(iconv.encode(line('Один', RUSSIAN) + line('Два', RUSSIAN), 'windows-1251'));
    expect(texts).toEqual([RUSSIAN, RUSSIAN]);
    expect(end).toMatchObject({ ok: true, warnings: ['not valid UTF-8; decoded as windows-1251'] });
  });
});
