import { describe, expect, it } from 'vitest';
import { codePointLength } from '../../../shared/text';
import { parseBrat } from './brat';
import type { ImportDraft, ParseOutcome } from './types';

const TEXT = 'Drones over 📢 Kyiv\nThe ministry said 64 drones\nwere shot down. Skywatch disputed it.\n';

/** Code point offsets of the nth occurrence of `s` in TEXT, as brat writes them. */
function at(s: string, text = TEXT): [number, number] {
  const i = text.indexOf(s);
  const start = codePointLength(text.slice(0, i));
  return [start, start + codePointLength(s)];
}

function draftOf(outcome: ParseOutcome): ImportDraft {
  if (!outcome.ok) throw new Error(`expected a draft, got: ${outcome.reason}`);
  return outcome.drafts[0] as ImportDraft;
}

const quotes = (d: ImportDraft) => (d.spans ?? []).map((s) => [s.label, d.text.slice(s.start, s.end)]);

describe('parseBrat', () => {
  it('reads T lines (code points), notes and attributes', () => {
    const [a, b] = at('64 drones');
    const [c, d] = at('The ministry');
    const [e, f] = at('Kyiv');
    const ann = [
      `T1\tFigure ${a} ${b}\t64 drones`,
      `T2\tACTOR ${c} ${d}\tThe ministry`,
      `T3\tactor ${e} ${f}\tKyiv`,
      `#1\tAnnotatorNotes T1\tministry figure, not independently verified`,
      `A1\tQualifier T1 at_least`,
      `A2\tActorKind T2 state`,
      `A3\tCanonicalName T3 Kyiv`,
    ].join('\n');
    const outcome = parseBrat(TEXT, ann, 'doc-1');
    const draft = draftOf(outcome);
    expect(draft.title).toBe('Drones over 📢 Kyiv');
    expect(draft.text).toBe(TEXT.trimEnd());
    expect(quotes(draft)).toEqual([
      ['figure', '64 drones'],
      ['actor', 'The ministry'],
      ['actor', 'Kyiv'],
    ]);
    expect(draft.spans?.[0]).toMatchObject({ note: 'ministry figure, not independently verified', attrs: { qualifier: 'at least' } });
    expect(draft.spans?.[1]?.attrs).toEqual({ kind: 'state' });
    expect(draft.spans?.[2]?.attrs).toEqual({ canonicalName: 'Kyiv' });
    expect(outcome.ok && [outcome.warnings, outcome.problems]).toEqual([[], []]);
  });

  it('joins fragments separated only by a line break into one span', () => {
    const [a, b] = at('64 drones');
    const [c, d] = at('were shot down');
    const draft = draftOf(parseBrat(TEXT, `T1\tEVENT ${a} ${b};${c} ${d}\t64 drones were shot down`, 'd'));
    expect(quotes(draft)).toEqual([['event', '64 drones\nwere shot down']]);
  });

  it('reports fragments separated by text and entity types outside the four, keeping the rest', () => {
    const [a, b] = at('The ministry');
    const [c, d] = at('64 drones');
    const [e, f] = at('Skywatch');
    const ann = [`T1\tClaim ${a} ${b};${c} ${d}\tThe ministry 64 drones`, `T2\tOrganization ${e} ${f}\tSkywatch`, `A1\tNegated T2`, `T3\tActor ${e} ${f}\tSkywatch`, 'R1\tDisputes Arg1:T3 Arg2:T1', 'E1\tAttack:T1'].join('\n');
    const outcome = parseBrat(TEXT, ann, 'd');
    expect(quotes(draftOf(outcome))).toEqual([['actor', 'Skywatch']]);
    expect(outcome.ok && outcome.problems).toEqual([
      'T1: a discontinuous span (its fragments are separated by text); left out',
      'T2: entity type "Organization" is not one of EVENT, CLAIM, ACTOR, FIGURE; left out',
    ]);
    expect(outcome.ok && [...outcome.warnings].sort()).toEqual(['1 event line ignored (no counterpart in Spanwise)', '1 relation line ignored (no counterpart in Spanwise)']);
  });

  it('ignores attributes that have no counterpart, and says so', () => {
    const [a, b] = at('Kyiv');
    const outcome = parseBrat(TEXT, `T1\tActor ${a} ${b}\tKyiv\nA1\tConfidence T1 high\nA2\tKind T1 spaceship`, 'd');
    expect(draftOf(outcome).spans?.[0]?.attrs).toBeUndefined();
    expect(outcome.ok && outcome.warnings[0]).toBe('A1: attribute Confidence=high on T1 has no actor counterpart; ignored');
    expect(outcome.ok && outcome.warnings[1]).toMatch(/^T1: attributes ignored \(kind: /);
  });

  it('refuses annotations that do not fit the text (the wrong .txt, or an edited one)', () => {
    const outcome = parseBrat(TEXT, 'T1\tEvent 0 6\tRocket\nT2\tEvent 10 999\tx', 'd');
    expect(outcome).toEqual({
      ok: false,
      reason: `annotations do not fit the text: T1 quote does not match the text (quote "Rocket", text has "Drones"); T2 (10-999) lies outside the text (${codePointLength(TEXT)} code points)`,
    });
  });

  it('moves spans onto canonical text when the document has CRLF line endings', () => {
    const raw = 'Title line\r\n\r\n\r\nThe ministry said 64 drones.\r\n';
    const [a, b] = at('64 drones', raw);
    const draft = draftOf(parseBrat(raw, `T1\tFigure ${a} ${b}\t64 drones`, 'd'));
    expect(draft.text).toBe('Title line\n\nThe ministry said 64 drones.');
    expect(quotes(draft)).toEqual([['figure', '64 drones']]);
  });

  it('reads back what the brat export writes: free-text attributes as notes, a linked claimant as a relation', () => {
    const [a, b] = at('The ministry');
    const [c, d] = at('64 drones\nwere shot down');
    const [e, f] = at('Skywatch disputed it');
    const ann = [
      `T1\tACTOR ${a} ${b}\tThe ministry`,
      'A1\tKind T1 state',
      '#1\tAnnotatorNotes T1\tactor_canonical_name: Ministry of Defence',
      `T2\tFIGURE ${c} ${d - 15};${d - 14} ${d}\t64 drones were shot down`,
      'A2\tQualifier T2 at_least',
      '#2\tAnnotatorNotes T2\tthe ministry’s own count',
      '#3\tAnnotatorNotes T2\tfigure_value: 64',
      '#4\tAnnotatorNotes T2\tfigure_unit: drones',
      `T3\tCLAIM ${e} ${f}\tSkywatch disputed it`,
      'A3\tStatus T3 disputed',
      'R1\tClaimant Arg1:T3 Arg2:T1',
    ].join('\n');
    const outcome = parseBrat(TEXT, ann, 'd');
    const draft = draftOf(outcome);
    const [actor, figure, claim] = draft.spans ?? [];
    expect(actor).toMatchObject({ label: 'actor', attrs: { kind: 'state', canonicalName: 'Ministry of Defence' } });
    expect(figure).toMatchObject({ label: 'figure', note: 'the ministry’s own count', attrs: { value: 64, unit: 'drones', qualifier: 'at least' } });
    expect(claim).toMatchObject({ label: 'claim', attrs: { status: 'disputed', claimantId: actor?.id } });
    expect(actor?.id).toEqual(expect.any(String));
    expect(outcome.ok && [outcome.warnings, outcome.problems]).toEqual([[], []]);
  });

  it('reads a document with an empty .ann as an article without annotations', () => {
    expect(draftOf(parseBrat(TEXT, '', 'd')).spans).toEqual([]);
  });

  it('splits lines at the first two tabs only, as brat does: span text and notes may hold tabs', () => {
    const text = 'Col A\tCol B held 64 drones.\n';
    const [a, b] = at('Col A\tCol B', text);
    const ann = [`T1\tEVENT ${a} ${b}\tCol A\tCol B`, '#1\tAnnotatorNotes T1\tfirst\tsecond\\nthird line \\\\ done', 'A1\tStatus  T1  disputed ', '#2\tAttributes T1\t{"date":"2024-11","location":"Tab\\there"}'].join('\n');
    const outcome = parseBrat(text, ann, 'd');
    const draft = draftOf(outcome);
    expect(quotes(draft)).toEqual([['event', 'Col A\tCol B']]);
    expect(draft.spans?.[0]).toMatchObject({ note: 'first\tsecond\nthird line \\ done', attrs: { date: '2024-11', location: 'Tab\there' } });
    expect(outcome.ok && outcome.problems).toEqual([]);
  });

  it('reads the Attributes comment in snake_case, and says when it cannot', () => {
    const [a, b] = at('The ministry');
    const ann = [`T1\tACTOR ${a} ${b}\tThe ministry`, '#1\tAttributes T1\t{"canonical_name":"Ministry of Defence"}', `T2\tACTOR ${a} ${b}\tThe ministry`, '#2\tAttributes T2\t{"canonical_name":'].join('\n');
    const outcome = parseBrat(TEXT, ann, 'd');
    expect(draftOf(outcome).spans?.map((s) => s.attrs)).toEqual([{ canonicalName: 'Ministry of Defence' }, undefined]);
    expect(outcome.ok && outcome.warnings).toEqual(['line 4: attributes of T2 not read (not JSON)']);
  });

  it('ends .ann lines at a lone CR too, as brat does', () => {
    const [a, b] = at('Kyiv');
    const [c, d] = at('64 drones');
    const draft = draftOf(parseBrat(TEXT, `T1\tActor ${a} ${b}\tKyiv\rT2\tFigure ${c} ${d}\t64 drones\r\n`, 'd'));
    expect(quotes(draft)).toEqual([
      ['actor', 'Kyiv'],
      ['figure', '64 drones'],
    ]);
  });
});
