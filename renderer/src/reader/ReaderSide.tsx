import { memo, useMemo } from 'react';
import type { Annotation, Label } from '../../../shared/model';
import { AnnotationsPanel } from './AnnotationsPanel';
import { ArticleSummary } from './ArticleSummary';
import { actorChoices, claimantLink } from './claimant';
import { Details } from './Details';
import type { PanelView } from './panelOrder';
import { occurrencesOf, rivalOf } from './readerActions';
import type { FieldEdit, Patch, Range, ReaderSession } from './session';
import type { ReaderSuggestions } from './suggestions';
import { SuggestionsBox } from './SuggestionsBox';
import { EventCodebook } from './EventCodebook';
import { IncidentBox } from './IncidentBox';
import { RolePickers } from './RolePickers';
import type { ArticleRoles } from './roles';

export interface ReaderSideProps {
  session: ReaderSession;
  /** The session's annotations in text order (deferred: the side column may lag the text by a frame). */
  annotations: Annotation[];
  selectedId: string | null;
  view: PanelView;
  filter: Label | null;
  onFilter(filter: Label | null): void;
  onSelect(id: string, scroll: boolean): void;
  onStep(delta: 1 | -1): void;
  /** Passes an operation's promise on to be reported to the library when it succeeds. */
  report(p: Promise<unknown> | null): void;
  onReattach(id: string): void;
  suggestions: ReaderSuggestions;
  onShowSuggestion(id: string): void;
  /** The last request to focus an actor's Linked entity field. */
  linkFocus: { id: string; n: number } | null;
  onOpenMention(articleId: string, annotationId: string): void;
  roles: ArticleRoles;
  /** Changes with the roles (the column is memoised on its props). */
  rolesVersion: number;
  /**
   * Changes with every change of the session: parts of the column read it directly (the
   * incident box reloads on the undo depth), so the memo must not hold across one.
   */
  sessionVersion: number;
  /** Scrolls the text to an annotation without selecting it (a role's span). */
  onShow(id: string): void;
  onOpenIncident(incidentId: string): void;
}

/**
 * The annotations panel and the selected annotation's details. Memoised and fed deferred values
 * by the reader, so a key press draws its highlight first and this column follows.
 */
export const ReaderSide = memo(function ReaderSide(props: ReaderSideProps) {
  const { session, annotations, selectedId, view, filter, onFilter, onSelect, onStep, report, onReattach, suggestions, onShowSuggestion, linkFocus, onOpenMention, roles } = props;
  const text = session.article.text;
  const selected = selectedId ? (session.annotations.get(selectedId) ?? null) : null;
  const occurrences = useMemo<Range[]>(() => occurrencesOf(selected, annotations, text), [selected, annotations, text]);
  // Only a claim needs the list of actors to pick its claimant from.
  const isClaim = selected?.label === 'claim';
  const actors = useMemo(() => (isClaim ? actorChoices(annotations, text) : []), [isClaim, annotations, text]);

  return (
    <div className="panel-column" id="annotations-panel">
      <ArticleSummary articleId={session.article.id} annotations={annotations} />
      <SuggestionsBox suggestions={suggestions} report={report} onShow={onShowSuggestion} />
      <AnnotationsPanel
        view={view}
        annotations={annotations}
        text={text}
        filter={filter}
        onFilter={onFilter}
        selectedId={selectedId}
        onSelect={(id) => onSelect(id, true)}
        onStep={onStep}
      />
      {selected ? (
        <Details
          key={selected.id}
          annotation={selected}
          language={session.article.language}
          actors={actors}
          link={claimantLink(selected, session.annotations)}
          occurrences={occurrences.length}
          rival={rivalOf(selected, annotations)}
          onKeep={() => {
            const rival = rivalOf(selected, annotations);
            if (rival) report(session.remove([rival.id]));
          }}
          onEdit={(patch: Patch, from?: FieldEdit) => {
            const saving = session.update(selected.id, patch, from);
            report(saving);
            return saving;
          }}
          onRetag={(label) => report(session.retag(selected.id, label))}
          onDelete={() => report(session.remove([selected.id]))}
          onTagAll={() => report(session.tag(selected.label, occurrences, selected.attrs))}
          onJump={(id) => onSelect(id, true)}
          onReattach={() => onReattach(selected.id)}
          focusLink={linkFocus?.id === selected.id ? linkFocus.n : 0}
          onOpenMention={onOpenMention}
          onProblem={(message) => session.notify(message)}
          eventRecord={selected.label === 'event' ? <EventRecordFields {...props} event={selected} /> : undefined}
        />
      ) : null}
    </div>
  );
});

/** What makes an event a record: its codebook type, its roles, its incident. */
function EventRecordFields({ session, annotations, report, roles, rolesVersion, onShow, onOpenIncident, event }: ReaderSideProps & { event: Annotation }) {
  const armed = roles.armed?.eventId === event.id ? roles.armed.role : null;
  return (
    <>
      <EventCodebook
        event={event}
        onEdit={(attrs) => {
          const saving = session.update(event.id, { attrs });
          report(saving);
          return saving;
        }}
        onProblem={(message) => session.notify(message)}
      />
      <RolePickers
        roles={roles.rolesOf(event.id)}
        annotations={annotations}
        byId={session.annotations}
        text={session.article.text}
        armed={armed}
        onArm={(role) => roles.arm(role ? { eventId: event.id, role } : null)}
        onAdd={(role, spanId) => report(roles.add(event.id, role, spanId))}
        onRemove={(role, spanId) => report(roles.remove(event.id, role, spanId))}
        onJump={onShow}
      />
      <IncidentBox
        eventId={event.id}
        session={session}
        revision={`${event.updatedAt}:${rolesVersion}:${session.undoDepth}`}
        onOpenIncident={onOpenIncident}
        onProblem={(message) => session.notify(message)}
      />
    </>
  );
}
