import { useEffect, useRef, useState } from 'react';
import { figureText } from '../../../shared/disagreements';
import type { Disagreement, Resolution, ResolutionInput } from '../../../shared/ipc/figures';
import { parseNumberInput } from '../../../shared/figures';

export interface ResolveDialogProps {
  disagreement: Disagreement;
  onSave(resolution: ResolutionInput): Promise<void>;
  onClose(): void;
}

type Decision = ResolutionInput['decision'];

/** How a disagreement's resolution reads in a list. */
export function resolutionText(r: Resolution | null): string {
  if (!r) return 'Unresolved';
  const what = r.decision === 'value' ? `accepted ${r.value}` : r.decision === 'range' ? `accepted ${r.min}–${r.max}` : 'not the same count';
  return `Resolved: ${what}${r.note ? ` — ${r.note}` : ''}`;
}


/** The analyst's decision on a disagreement: an accepted value or range, or "not the same count", with a note. */
export function ResolveDialog({ disagreement: d, onSave, onClose }: ResolveDialogProps) {
  const r = d.resolution;
  const [decision, setDecision] = useState<Decision>(r?.decision ?? 'value');
  const [value, setValue] = useState(r?.value?.toString() ?? '');
  const [min, setMin] = useState(r?.min?.toString() ?? '');
  const [max, setMax] = useState(r?.max?.toString() ?? '');
  const [note, setNote] = useState(r?.note ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const save = async () => {
    let input: ResolutionInput;
    if (decision === 'value') {
      const v = parseNumberInput(value);
      if (v === null) return setProblem('Give the accepted value as a number, such as 76.');
      input = { decision, value: v, note };
    } else if (decision === 'range') {
      const lo = parseNumberInput(min);
      const hi = parseNumberInput(max);
      if (lo === null || hi === null || lo > hi) return setProblem('Give the accepted range as two numbers, the lower first.');
      input = { decision, min: lo, max: hi, note };
    } else input = { decision, note };
    try {
      await onSave(input);
    } catch (err) {
      setProblem(`Not saved: ${(err as Error).message}`);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog resolve-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Resolve disagreement"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      >
        <h2>
          Resolve: {d.counts} {d.unit}
        </h2>
        <p>Reported: {d.values.map((v) => figureText(v)).join(', ')}</p>
        <fieldset>
          <legend>Decision</legend>
          <label>
            <input ref={first} type="radio" name="decision" checked={decision === 'value'} onChange={() => setDecision('value')} /> Accept a value
          </label>
          <label>
            <input type="radio" name="decision" checked={decision === 'range'} onChange={() => setDecision('range')} /> Accept a range
          </label>
          <label>
            <input type="radio" name="decision" checked={decision === 'not_same_count'} onChange={() => setDecision('not_same_count')} /> Not the same count
          </label>
        </fieldset>
        {decision === 'value' ? (
          <label>
            Accepted value
            <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
          </label>
        ) : null}
        {decision === 'range' ? (
          <>
            <label>
              From
              <input inputMode="decimal" value={min} onChange={(e) => setMin(e.target.value)} />
            </label>
            <label>
              To
              <input inputMode="decimal" value={max} onChange={(e) => setMax(e.target.value)} />
            </label>
          </>
        ) : null}
        <label>
          Resolution note
          <textarea value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {problem ? (
          <p role="alert" className="problem">
            {problem}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={() => void save()}>
            Save resolution
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
