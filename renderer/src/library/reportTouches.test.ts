import { describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../../shared/ipc/contract';
import { reportOf } from '../../../shared/import-report';
import { reportTouches } from './reportTouches';

const outcome = (status: FileOutcome['status'], articleIds: string[] = []): FileOutcome => ({ file: 'f', status, articleIds, message: null });

describe('reportTouches', () => {
  it('is true when the report names the article', () => {
    expect(reportTouches(reportOf([outcome('imported', ['b']), outcome('partial', ['a', 'c'])], false), 'a')).toBe(true);
  });

  it('is false for an import of other articles, duplicates, failures and skips', () => {
    const report = reportOf([outcome('imported', ['b']), outcome('duplicate'), outcome('failed'), outcome('skipped'), outcome('cancelled')], false);
    expect(reportTouches(report, 'a')).toBe(false);
    expect(reportTouches(reportOf([outcome('duplicate', ['a'])], false), 'a')).toBe(false);
  });

  it('is true for a change that names no article (a merged bundle)', () => {
    expect(reportTouches(reportOf([outcome('imported')], false), 'a')).toBe(true);
    expect(reportTouches(reportOf([outcome('partial')], false), 'a')).toBe(true);
  });
});
