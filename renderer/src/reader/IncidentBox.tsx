import { useEffect, useMemo, useRef, useState } from 'react';
import type { EventRecord, Incident, IncidentCandidate } from '../../../shared/ipc/events';
import { plural } from '../../../shared/plural';
import { call } from '../api/client';
import { Combobox, type ComboOption } from '../widgets/Combobox';
import type { ReaderSession } from './session';

export interface IncidentBoxProps {
  eventId: string;
  session: ReaderSession;
  /** Changes when what the candidates are read from may have changed (the event's attributes, its roles). */
  revision: string;
  onOpenIncident(id: string): void;
  onProblem(message: string): void;
}

const REASONS: Record<IncidentCandidate['reasons'][number], string> = { date: 'close dates', place: 'same place', actors: 'shared actors', type: 'same type' };

type Assignment = { eventId: string; incidentId: string | null };

/** Puts events back where they were: in their incident (made again if it went) or in none. */
async function restore(previous: readonly Assignment[]): Promise<void> {
  const alone = previous.filter((p) => p.incidentId === null).map((p) => p.eventId);
  if (alone.length > 0) await call('incidents/ungroup', { eventIds: alone });
  const byIncident = new Map<string, string[]>();
  for (const p of previous) if (p.incidentId !== null) byIncident.set(p.incidentId, [...(byIncident.get(p.incidentId) ?? []), p.eventId]);
  for (const [incidentId, eventIds] of byIncident) await call('incidents/group', { eventIds, incidentId });
}

function describe(c: EventRecord): string {
  return [c.source ?? c.articleTitle, c.date, c.location].filter((x) => x).join(' · ');
}

/**
 * The event's incident: the one it is in, with the other reports of it, and the reports of other
 * articles the library proposes as the same incident, which the analyst confirms one by one.
 * Confirming and leaving are steps of the reader's undo.
 */
export function IncidentBox({ eventId, session, revision, onOpenIncident, onProblem }: IncidentBoxProps) {
  const [record, setRecord] = useState<EventRecord | null>(null);
  const [incident, setIncident] = useState<Incident | null>(null);
  const [candidates, setCandidates] = useState<IncidentCandidate[]>([]);
  const [typed, setTyped] = useState('');
  const [reload, setReload] = useState(0);
  const field = useRef<HTMLInputElement>(null);
  const reportProblem = useRef(onProblem);
  reportProblem.current = onProblem;

  useEffect(() => {
    let live = true;
    // The session's queue first: the event (just tagged, or its roles just set) must be in the store.
    session
      .settled()
      .then(() => Promise.all([call('events/get', { ids: [eventId] }), call('events/candidates', { eventId, limit: 20 })]))
      .then(async ([[own], proposed]) => {
        const group = own?.incidentId ? (await call('incidents/get', { id: own.incidentId })).incident : null;
        if (!live) return;
        setRecord(own ?? null);
        setIncident(group);
        setCandidates(proposed);
      })
      .catch((err: Error) => live && reportProblem.current(`The event's incident could not be read: ${err.message}`));
    return () => {
      live = false;
    };
  }, [eventId, session, revision, reload]);

  const change = (run: () => Promise<Assignment[]>, redo: () => Promise<unknown>) =>
    session
      .perform(async () => {
        const previous = await run();
        return { value: undefined, undo: () => restore(previous), redo: async () => void (await redo()) };
      })
      .then(() => setReload((n) => n + 1))
      .catch((err: Error) => onProblem(err.message));

  const confirm = (candidate: EventRecord) => {
    const eventIds = [eventId, candidate.id];
    let incidentId: string | null = null;
    void change(
      async () => {
        const answer = await call('incidents/group', { eventIds });
        incidentId = answer.incident.id;
        return answer.previous;
      },
      () => call('incidents/group', { eventIds, ...(incidentId ? { incidentId } : {}) }),
    );
  };

  const leave = () =>
    void change(
      async () => (await call('incidents/ungroup', { eventIds: [eventId] })).previous,
      () => call('incidents/ungroup', { eventIds: [eventId] }),
    );

  const options = useMemo<ComboOption[]>(() => {
    const words = typed.toLowerCase().split(/\s+/).filter((w) => w);
    return candidates
      .filter((c) => words.every((w) => `${c.event.articleTitle} ${c.event.source ?? ''} ${c.event.quote}`.toLowerCase().includes(w)))
      .map((c) => ({ id: c.event.id, label: `${c.event.articleTitle || '(untitled)'}: “${c.event.quote}”`, detail: `${describe(c.event)} — ${c.reasons.map((r) => REASONS[r]).join(', ')}` }));
  }, [candidates, typed]);

  const others = incident ? incident.events.length - 1 : 0;
  return (
    <div className="incident-box">
      <span className="field-caption" aria-hidden="true">
        Incident
      </span>
      {incident ? (
        <div className="incident-current">
          One incident with {plural(others, 'other report')}.{' '}
          <button type="button" onClick={() => onOpenIncident(incident.id)}>
            Open incident
          </button>{' '}
          <button type="button" onClick={leave}>
            Leave incident
          </button>
        </div>
      ) : record ? (
        <div className="incident-current">Not in an incident yet.</div>
      ) : null}
      <Combobox
        ref={field}
        label="Incident"
        text={typed}
        onText={setTyped}
        options={options}
        openOnFocus
        placeholder={candidates.length === 0 ? 'No report of another article looks the same' : `${plural(candidates.length, 'report')} may be the same: choose to confirm`}
        onChoose={(option) => {
          setTyped('');
          const chosen = candidates.find((c) => c.event.id === option.id);
          if (chosen) confirm(chosen.event);
        }}
        onLeave={() => {
          setTyped('');
          field.current?.blur();
        }}
      />
      {candidates.length > 0 ? (
        <ul className="incident-candidates" aria-label="Proposed reports">
          {candidates.map((c) => (
            <li key={c.event.id}>
              <span className="candidate-quote">
                {c.event.articleTitle || '(untitled)'}: “{c.event.quote}”
              </span>
              <span className="candidate-why">
                {describe(c.event)} — {c.reasons.map((r) => REASONS[r]).join(', ')}
              </span>
              <button type="button" onClick={() => confirm(c.event)} aria-label={`Confirm same incident: ${c.event.articleTitle || c.event.quote}`}>
                Confirm
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
