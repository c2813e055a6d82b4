import { useMemo, useRef, useState } from 'react';
import { EVENT_ROLES, ROLE_TITLES, type EventRole, type Role } from '../../../shared/ipc/events';
import type { Annotation } from '../../../shared/model';
import { Combobox } from '../widgets/Combobox';
import { spanChoices, spanName } from './claimant';
import { badgeText, ROLE_LABEL, roleOptions } from './roles';

export interface RolePickersProps {
  roles: Role[];
  /** The article's annotations in text order. */
  annotations: readonly Annotation[];
  byId: ReadonlyMap<string, Annotation>;
  text: string;
  /** The picker waiting for a click on a highlight, if it is one of this event's. */
  armed: EventRole | null;
  onArm(role: EventRole | null): void;
  onAdd(role: EventRole, spanId: string): void;
  onRemove(role: EventRole, spanId: string): void;
  /** Selects a span and scrolls to it. */
  onJump(id: string): void;
}

const PLACEHOLDER: Record<EventRole, string> = {
  actor: 'Who acted: type an actor',
  target: 'Acted upon: type an actor',
  with: 'Alongside: type an actor',
  figure: 'Type a figure',
  source: 'Reported by: type a claim',
};

/**
 * The event's roles: for each, the spans it points to (numbered as the text shows them) and a
 * picker over the article's annotations of the role's label. A span is chosen by typing and
 * Enter, or by arming the picker and clicking its highlight in the text (Escape disarms).
 */
export function RolePickers(props: RolePickersProps) {
  return (
    <div className="role-pickers">
      {EVENT_ROLES.map((role) => (
        <RolePicker key={role} role={role} {...props} />
      ))}
    </div>
  );
}

function RolePicker({ role, roles, annotations, byId, text, armed, onArm, onAdd, onRemove, onJump }: RolePickersProps & { role: EventRole }) {
  const title = ROLE_TITLES[role];
  const [typed, setTyped] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const mine = roles.filter((r) => r.role === role);
  const chosenKey = mine.map((r) => r.spanId).join('\u0000');
  const chosen = useMemo(() => new Set(chosenKey === '' ? [] : chosenKey.split('\u0000')), [chosenKey]);
  const label = ROLE_LABEL[role];
  const choices = useMemo(() => spanChoices(annotations, text, label), [annotations, text, label]);
  const options = useMemo(() => roleOptions(choices, chosen, typed, (id) => byId.get(id)?.quote ?? ''), [choices, chosen, typed, byId]);
  const isArmed = armed === role;
  return (
    <div className="role-picker" data-role={role}>
      <span className="field-caption" aria-hidden="true">
        {title}
      </span>
      {mine.length > 0 ? (
        <ul className="role-chips">
          {mine.map((r, i) => {
            const span = byId.get(r.spanId);
            const name = span ? spanName(span) : r.spanId;
            return (
              <li key={r.spanId} className="role-chip" data-role={role}>
                <button type="button" className="role-chip-name" title="Show in the text" onClick={() => onJump(r.spanId)}>
                  <span className="role-badge" data-role={role} aria-hidden="true">
                    {badgeText(role, i + 1)}
                  </span>
                  {name}
                </button>
                <button type="button" className="role-chip-remove" aria-label={`Remove ${name} from ${title}`} onClick={() => onRemove(role, r.spanId)}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className="role-pick-row">
        <Combobox
          ref={field}
          label={title}
          text={typed}
          onText={setTyped}
          options={options}
          openOnFocus
          placeholder={choices.length === 0 ? `No ${label} tagged in this article yet` : PLACEHOLDER[role]}
          onChoose={(option) => {
            setTyped('');
            onAdd(role, option.id);
          }}
          onLeave={() => {
            setTyped('');
            field.current?.blur();
          }}
        />
        <button
          type="button"
          className="role-arm"
          aria-pressed={isArmed}
          aria-label={`Pick in text: ${title}`}
          title={isArmed ? 'Click highlights in the text to add them; Escape stops' : `Then click a highlighted ${label} in the text`}
          onClick={() => onArm(isArmed ? null : role)}
        >
          Pick in text
        </button>
      </div>
    </div>
  );
}
