import { useRef } from 'react';

/** The app's views, in the order the navigation lists them. Later views add their entry here. */
export const VIEWS = [
  { id: 'library', title: 'Library' },
  { id: 'actors', title: 'Actors' },
  { id: 'events', title: 'Events' },
  { id: 'figures', title: 'Figures' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

export interface ViewsNavProps {
  current: ViewId;
  onChange(view: ViewId): void;
}

/**
 * The navigation between the app's views. Each view is a button that Tab reaches, as links in a
 * navigation are; the arrow keys, Home and End also move along the row. The current view says so
 * with aria-current.
 */
export function ViewsNav({ current, onChange }: ViewsNavProps) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: React.KeyboardEvent, index: number) => {
    const last = VIEWS.length - 1;
    const to =
      e.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : e.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? last
      : null;
    if (to === null) return;
    e.preventDefault();
    buttons.current[to]?.focus();
  };
  return (
    <nav className="views-nav" aria-label="Views">
      {VIEWS.map((view, index) => (
        <button
          key={view.id}
          ref={(el) => {
            buttons.current[index] = el;
          }}
          type="button"
          aria-current={view.id === current ? 'page' : undefined}
          onClick={() => onChange(view.id)}
          onKeyDown={(e) => onKeyDown(e, index)}
        >
          {view.title}
        </button>
      ))}
    </nav>
  );
}
