import { useEffect, useState } from 'react';
import {
  ACTOR_KINDS,
  CLAIM_STATUSES,
  FIGURE_QUALIFIERS,
  LABELS,
  LABEL_TITLES,
  type Annotation,
  type AnyAttrs,
  type Label,
} from '../../../shared/model';
import type { Patch } from './session';

export interface DetailsProps {
  annotation: Annotation;
  /** The other version of this annotation when a merged bundle disagreed with it. */
  rival: Annotation | null;
  onKeep(): void;
  actors: Annotation[];
  occurrences: number;
  onChange(patch: Patch, coalesce?: string): void;
  onDelete(): void;
  onTagAll(): void;
}

type Field =
  | { key: string; title: string; kind: 'text' | 'date' | 'number' }
  | { key: string; title: string; kind: 'choice'; choices: readonly string[] };

const FIELDS: Record<Label, Field[]> = {
  event: [
    { key: 'date', title: 'Date (YYYY, YYYY-MM or YYYY-MM-DD)', kind: 'date' },
    { key: 'location', title: 'Location', kind: 'text' },
    { key: 'category', title: 'Category', kind: 'text' },
  ],
  claim: [{ key: 'status', title: 'Status', kind: 'choice', choices: CLAIM_STATUSES }],
  actor: [
    { key: 'canonicalName', title: 'Canonical name', kind: 'text' },
    { key: 'kind', title: 'Kind', kind: 'choice', choices: ACTOR_KINDS },
  ],
  figure: [
    { key: 'value', title: 'Value', kind: 'number' },
    { key: 'unit', title: 'Unit', kind: 'text' },
    { key: 'qualifier', title: 'Qualifier', kind: 'choice', choices: FIGURE_QUALIFIERS },
  ],
};

/** The selected annotation: its label, note and the attributes of its label. Every edit saves at once. */
export function Details({ annotation: a, rival, onKeep, actors, occurrences, onChange, onDelete, onTagAll }: DetailsProps) {
  const [note, setNote] = useState(a.note);
  const [draft, setDraft] = useState<Record<string, string>>(() => toDraft(a.attrs));
  useEffect(() => setNote(a.note), [a.id, a.note]);
  useEffect(() => setDraft(toDraft(a.attrs)), [a.id, a.attrs]);

  const setAttr = (key: string, raw: string, kind: Field['kind']) => {
    setDraft((d) => ({ ...d, [key]: raw }));
    if (kind === 'date' && raw !== '' && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(raw)) return;
    let value: string | number | null = raw === '' ? null : raw;
    if (kind === 'number' && raw !== '') {
      const n = Number(raw.replace(/,/g, ''));
      if (!Number.isFinite(n)) return;
      value = n;
    }
    onChange({ attrs: { ...a.attrs, [key]: value } }, `attr-${key}`);
  };

  return (
    <section className="details" aria-label="Annotation details">
      <label>
        Label
        <select aria-label="Label" value={a.label} onChange={(e) => onChange({ label: e.target.value as Label })}>
          {LABELS.map((l) => (
            <option key={l} value={l}>
              {LABEL_TITLES[l]}
            </option>
          ))}
        </select>
      </label>
      <blockquote className="quote">{a.quote}</blockquote>
      {rival ? (
        <div className="conflict-box" role="note">
          <strong className="conflict">Conflict.</strong> Another version{rival.author ? ` by ${rival.author}` : ''} says: {LABEL_TITLES[rival.label]}
          {rival.note ? `, “${rival.note.slice(0, 80)}”` : ''}.{' '}
          <button type="button" onClick={onKeep}>
            Keep this version
          </button>
        </div>
      ) : null}
      <label>
        Note
        <textarea
          aria-label="Note"
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            onChange({ note: e.target.value }, 'note');
          }}
        />
      </label>
      {a.label === 'claim' ? (
        <label>
          Claimant
          <input
            aria-label="Claimant"
            list={`actors-${a.id}`}
            value={draft.claimant ?? ''}
            onChange={(e) => {
              const value = e.target.value;
              setDraft((d) => ({ ...d, claimant: value }));
              const actor = actors.find((x) => actorName(x) === value);
              onChange({ attrs: { ...a.attrs, claimant: value || null, claimantId: actor?.id ?? null } }, 'attr-claimant');
            }}
          />
          <datalist id={`actors-${a.id}`}>
            {actors.map((x) => (
              <option key={x.id} value={actorName(x)} />
            ))}
          </datalist>
          {a.attrs.claimantId ? <span className="linked">Linked to an actor in this article</span> : null}
        </label>
      ) : null}
      {FIELDS[a.label].map((field) => (
        <label key={field.key}>
          {field.title}
          {field.kind === 'choice' ? (
            <select aria-label={field.title} value={draft[field.key] ?? ''} onChange={(e) => setAttr(field.key, e.target.value, field.kind)}>
              <option value="">—</option>
              {field.choices.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : (
            <input
              aria-label={field.title}
              inputMode={field.kind === 'number' ? 'decimal' : undefined}
              value={draft[field.key] ?? ''}
              onChange={(e) => setAttr(field.key, e.target.value, field.kind)}
            />
          )}
        </label>
      ))}
      <div className="details-actions">
        <button type="button" onClick={onTagAll} disabled={occurrences === 0}>
          Tag all occurrences ({occurrences})
        </button>
        <button type="button" onClick={onDelete}>
          Delete annotation
        </button>
      </div>
      <div className="provenance">
        {a.author ? `by ${a.author}, ` : ''}
        {new Date(a.updatedAt).toLocaleString()}
      </div>
    </section>
  );
}

function toDraft(attrs: AnyAttrs): Record<string, string> {
  return Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function actorName(a: Annotation): string {
  const name = a.attrs.canonicalName;
  return typeof name === 'string' && name ? name : a.quote;
}
