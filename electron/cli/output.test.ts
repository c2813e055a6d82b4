import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createOutput, jsonLine, terminalSafe } from './output';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => text };
}

describe('terminal output', () => {
  it('writes control characters from input as visible escapes', () => {
    expect(terminalSafe('a\u001b[31mred\u001b[0m.txt')).toBe('a\\x1b[31mred\\x1b[0m.txt');
    expect(terminalSafe('two\nlines\rback\ttab\0nul\u007fdel')).toBe('two\\nlines\\rback\\ttab\\0nul\\x7fdel');
    expect(terminalSafe('csi\u009b2J nel\u0085 ls\u2028 rlo\u202efdp.exe iso\u2066')).toBe('csi\\x9b2J nel\\x85 ls\\u2028 rlo\\u202efdp.exe iso\\u2066');
    // What is not a control stays as it is: other scripts, emoji, a lone backslash.
    expect(terminalSafe('Київ 🇺🇦 C:\\path')).toBe('Київ 🇺🇦 C:\\path');
  });

  it('prints each line of a report escaped on its own: a newline in a name cannot forge a line', () => {
    const out = sink();
    const err = sink();
    const output = createOutput(false, out.stream, err.stream);
    output.result({}, 'imported  /in/evil\nfailed    /etc/passwd');
    output.result({}, ['first line', 'second \u001b]0;title\u0007 line']);
    expect(out.text().split('\n')).toEqual(['imported  /in/evil\\nfailed    /etc/passwd', 'first line', 'second \\x1b]0;title\\x07 line', '']);
    output.error({}, 'bad\rname');
    expect(err.text()).toBe('bad\\rname\n');
  });

  it('keeps --json output JSON: the same value, with nothing a terminal acts on left raw', () => {
    const value = { file: 'a\u001b[2J\nb\u009b\u2028\u202e.txt', n: 1 };
    const line = jsonLine(value);
    expect(JSON.parse(line)).toEqual(value);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    const out = sink();
    createOutput(true, out.stream, out.stream).result(value, 'ignored');
    expect(JSON.parse(out.text())).toEqual(value);
  });
});
