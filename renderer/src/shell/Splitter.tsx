import { useRef } from 'react';
import { splitterKey } from './splitterKey';

export interface SplitterProps {
  /** Names what it resizes: "Resize library". */
  label: string;
  /** The id of the panel it resizes. */
  controls: string;
  value: number;
  min: number;
  max: number;
  /** Which edge of the panel it sits on: dragging away from the panel widens it. */
  edge: 'right' | 'left';
  onChange(width: number): void;
  /** Called once a drag or a key press is over, with the width to remember. */
  onCommit(width: number): void;
}

/**
 * The WAI-ARIA window splitter: a focusable separator between a panel and the text. ←/→ move it
 * by 16 px (Shift: 64 px), Home and End to the panel's narrowest and widest; a pointer drags it.
 */
export function Splitter({ label, controls, value, min, max, edge, onChange, onCommit }: SplitterProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const last = useRef(value);
  last.current = value;
  const widthAt = (x: number) => {
    const start = drag.current;
    if (!start) return value;
    const delta = edge === 'right' ? x - start.x : start.x - x;
    return Math.round(Math.min(max, Math.max(min, start.width + delta)));
  };
  return (
    <div
      className={`splitter splitter-${edge}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onKeyDown={(e) => {
        const next = splitterKey(e.key, e.shiftKey, { value, min, max, edge });
        if (next === null) return;
        e.preventDefault();
        onChange(next);
        onCommit(next);
      }}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, width: value };
      }}
      onPointerMove={(e) => {
        if (drag.current) onChange(widthAt(e.clientX));
      }}
      onPointerUp={(e) => {
        if (!drag.current) return;
        const width = widthAt(e.clientX);
        drag.current = null;
        onChange(width);
        onCommit(width);
      }}
      onPointerCancel={() => {
        drag.current = null;
        onCommit(last.current);
      }}
    />
  );
}
