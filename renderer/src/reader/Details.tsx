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
import type { ActorChoice, ClaimantLink } from './claimant';
import { Fragment, type ReactNode } from 'react';
import { DraftField } from './DraftField';
import { DatePrecision } from './EventCodebook';
import { formatValue, parseField, type FieldKind, type FieldValue } from './fieldDraft';
import { LinkedEntity } from './LinkedEntity';
import { LinkedPlace } from './LinkedPlace';
import { FigureReading } from './FigureReading';
import { offeredWords, useFigureVocabulary } from './figureVocabulary';
import type { FieldEdit, Patch } from './session';

export interface DetailsProps {
  annotation: Annotation;
  /** The article's language: a figure's number words are read in it. */
  language: string | null;
  /** The other version of this annotation when a merged bundle disagreed with it. */
  rival: Annotation | null;
  onKeep(): void;
  /** The article's actors, for a claim's claimant. */
  actors: ActorChoice[];
  link: ClaimantLink;
  occurrences: number;
  onEdit(patch: Patch, from?: FieldEdit): Promise<Annotation | null>;
  onRetag(label: Label): void;
  onDelete(): void;
  onTagAll(): void;
  /** Selects another annotation and scrolls to it (the linked claimant). */
  onJump(id: string): void;
  /** Puts an orphaned annotation on the text selected in the reader. */
  onReattach(): void;
  /** Changes (from 0) each time the analyst asks to link the actor from the keyboard: its Linked entity field takes focus. */
  focusLink: number;
  /** Opens an annotation, in this article or another (an entity's other mentions). */
  onOpenMention(articleId: string, annotationId: string): void;
  /** Tells the analyst why something outside the annotation's own fields (the registry) refused. */
  onProblem(message: string): void;
  /** What an event has beside its attributes: its type from the codebook, its roles, its incident. */
  eventRecord?: ReactNode;
}

type Field =
  | { key: string; title: string; kind: Exclude<FieldKind, 'choice'> }
  | { key: string; title: string; kind: 'choice'; choices: readonly string[] };

const FIELDS: Record<Label, Field[]> = {
  event: [
    { key: 'date', title: 'Date (YYYY, YYYY-MM, YYYY-Www or YYYY-MM-DD)', kind: 'date' },
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
    { key: 'counts', title: 'Counts', kind: 'text' },
    { key: 'min', title: 'Range from', kind: 'number' },
    { key: 'max', title: 'Range to', kind: 'number' },
  ],
};

const anyText = (text: string) => ({ ok: true as const, value: text });

/**
 * The selected annotation: its label, note and the attributes of its label. Every edit saves at
 * once, field by field; typed fields keep their own text while the store answers (DraftField).
 */
export function Details(props: DetailsProps) {
  const { annotation: a, rival, onKeep, occurrences, onEdit, onRetag, onDelete, onTagAll, onReattach } = props;
  // The analyst's own edit of a figure confirms it: the values are no longer the app's reading.
  const confirmed: AnyAttrs = a.label === 'figure' ? { auto: null } : {};
  // Read again after each change of the annotation: the analyst's last unit is offered next time.
  const { vocabulary, refresh: refreshVocabulary } = useFigureVocabulary(a.label === 'figure' ? a.updatedAt : null);
  const remembered: Record<string, readonly string[]> = a.label === 'figure' ? { unit: vocabulary.unitWords, counts: vocabulary.countsWords } : {};
  const saveAttr = (key: string) => (value: FieldValue, edit: number) =>
    onEdit({ attrs: { [key]: value, ...confirmed } }, { field: `attr-${key}`, edit }).then((after) => (after ? formatValue(after.attrs[key]) : undefined));

  return (
    <section className="details" aria-label="Annotation details">
      <label>
        Label
        <select aria-label="Label" value={a.label} onChange={(e) => onRetag(e.target.value as Label)}>
          {LABELS.map((l) => (
            <option key={l} value={l}>
              {LABEL_TITLES[l]}
            </option>
          ))}
        </select>
      </label>
      <blockquote className="quote" tabIndex={0}>{a.quote}</blockquote>
      {a.status === 'orphaned' ? (
        <div className="orphan-box" role="note">
          Its text was deleted by a correction. Select other text in the article to put it there.{' '}
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={onReattach}>
            Re-attach to selection
          </button>
        </div>
      ) : null}
      {rival ? (
        <div className="conflict-box" role="note">
          <strong className="conflict">Conflict.</strong> Another version{rival.author ? ` by ${rival.author}` : ''} says: {LABEL_TITLES[rival.label]}
          {rival.note ? `, “${rival.note.slice(0, 80)}”` : ''}.{' '}
          <button type="button" onClick={onKeep}>
            Keep this version
          </button>
        </div>
      ) : null}
      <DraftField
        label="Note"
        multiline
        stored={a.note}
        parse={anyText}
        save={(value, edit) => onEdit({ note: String(value ?? '') }, { field: 'note', edit }).then((after) => after?.note)}
      />
      {a.label === 'claim' ? <Claimant {...props} saveName={saveAttr('claimant')} /> : null}
      {a.label === 'actor' ? (
        <LinkedEntity annotation={a} onLink={(attrs) => onEdit({ attrs })} focusRequest={props.focusLink} onOpenMention={props.onOpenMention} onError={props.onProblem} />
      ) : null}
      {FIELDS[a.label].map((field) =>
        field.kind === 'choice' ? (
          <label key={field.key}>
            {field.title}
            <select
              aria-label={field.title}
              value={formatValue(a.attrs[field.key])}
              onChange={(e) => void onEdit({ attrs: { [field.key]: e.target.value === '' ? null : e.target.value, ...confirmed } }).catch(() => undefined)}
            >
              <option value="">—</option>
              {field.choices.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <Fragment key={field.key}>
            <DraftField
              label={field.title}
              stored={formatValue(a.attrs[field.key])}
              parse={(text) => parseField(field.kind, text)}
              save={saveAttr(field.key)}
              {...(field.kind === 'number' ? { inputMode: 'decimal' as const } : {})}
              {...(remembered[field.key] ? { suggest: (typed: string) => offeredWords(remembered[field.key] ?? [], typed), onFocus: refreshVocabulary } : {})}
            />
            {field.kind === 'date' ? <DatePrecision date={a.attrs[field.key]} /> : null}
          </Fragment>
        ),
      )}
      {a.label === 'figure' ? <FigureReading annotation={a} language={props.language} onEdit={(attrs) => void onEdit({ attrs }).catch(() => undefined)} /> : null}
      {a.label === 'event' ? <LinkedPlace annotation={a} onLink={(attrs) => onEdit({ attrs })} onError={props.onProblem} /> : null}
      {a.label === 'event' ? props.eventRecord : null}
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

/** A claim's claimant: a name as free text, linked (or not) to one of the article's actor annotations. */
function Claimant({ annotation: a, actors, link, onEdit, onJump, saveName }: DetailsProps & { saveName: (value: FieldValue, edit: number) => Promise<string | undefined> }) {
  const linkTo = (id: string) => {
    const actor = actors.find((x) => x.id === id);
    const patch: AnyAttrs = actor ? { claimantId: actor.id, claimant: actor.name } : { claimantId: null };
    void onEdit({ attrs: patch }).catch(() => undefined);
  };
  return (
    <>
      <DraftField label="Claimant" stored={formatValue(a.attrs.claimant)} parse={(text) => parseField('text', text)} save={saveName} />
      <label>
        Linked actor
        <select aria-label="Linked actor" value={link.state === 'none' ? '' : link.state === 'linked' ? link.actor.id : link.id} onChange={(e) => linkTo(e.target.value)}>
          <option value="">— not linked —</option>
          {link.state === 'broken' ? <option value={link.id}>(an actor that was deleted or retagged)</option> : null}
          {actors.map((x) => (
            <option key={x.id} value={x.id}>
              {x.title}
            </option>
          ))}
        </select>
      </label>
      {link.state === 'linked' ? (
        <button type="button" className="jump" onClick={() => onJump(link.actor.id)}>
          Show linked actor
        </button>
      ) : null}
      {link.state === 'broken' ? (
        <span className="broken" role="status">
          Broken link: the linked actor was deleted or retagged.
        </span>
      ) : null}
    </>
  );
}
