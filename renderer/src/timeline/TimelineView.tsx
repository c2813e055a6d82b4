import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { EventRecord } from '../../../shared/ipc/events';
import type { TimelineData, TimelineFigure, TimelineFilter } from '../../../shared/ipc/timeline';
import { isoDay } from '../../../shared/timeline';
import { call } from '../api/client';
import { extent, figureText, frame, period, seriesKeys, type Bin } from './model';
import { TimelineTable } from './TimelineTable';
import './timeline.css';

const HEIGHT = 260;
/** The narrowest window a zoom reaches, in days. */
const MIN_DAYS = 7;

export interface TimelineViewProps {
  /** Opens a report in the reader, on its event. */
  onOpenReport(articleId: string, annotationId: string): void;
}

/**
 * The Timeline: the library's events by date as a stacked step chart (one path per type, the
 * incidents as a dashed line), filterable by type, actor and source. Drag or Shift+arrows pan,
 * the wheel or +/- zoom, the arrows move from bin to bin; hovering (or the arrows) shows a bin's
 * counts and figures, and a click (or Enter) lists its reports, each opening in the reader. The
 * table under the chart says in words what is drawn.
 */
export function TimelineView({ onOpenReport }: TimelineViewProps) {
  const [filter, setFilter] = useState<TimelineFilter>({});
  const [actorDraft, setActorDraft] = useState('');
  const [data, setData] = useState<TimelineData | null>(null);
  const [figures, setFigures] = useState<readonly TimelineFigure[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [domain, setDomain] = useState<[number, number] | null>(null);
  const [width, setWidth] = useState(800);
  const [hover, setHover] = useState<Bin | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [chosen, setChosen] = useState<Bin | null>(null);
  const [reports, setReports] = useState<{ total: number; items: EventRecord[] } | null>(null);
  const box = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    const actor = actorDraft.trim() === '' ? undefined : actorDraft.trim();
    // The same filter kept as it is: a new object would ask the store for the same counts again.
    const t = setTimeout(() => setFilter((f) => (f.actor === actor ? f : { ...f, actor })), 250);
    return () => clearTimeout(t);
  }, [actorDraft]);

  useEffect(() => {
    let live = true;
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as TimelineFilter;
    call('timeline/counts', query)
      .then((d) => {
        if (!live) return;
        setData(d);
        setFigures([]);
        setError(null);
        // The first data sets the window to the whole span; a filter keeps the window the analyst chose.
        setDomain((current) => current ?? extent(d));
        // The figures need every figure span read: asked for once the chart can be drawn without them.
        return call('timeline/figures', { filter: query, unit: d.unit }).then((f) => live && setFigures(f));
      })
      .catch((err: unknown) => live && setError((err as Error).message));
    return () => {
      live = false;
    };
  }, [filter]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(320, el.clientWidth)));
    observer.observe(el);
    setWidth(Math.max(320, el.clientWidth));
    return () => observer.disconnect();
  }, []);

  const picture = useMemo(() => (data ? { ...data, figures } : null), [data, figures]);
  const view = useMemo(() => (picture && domain ? frame(picture, domain, { width, height: HEIGHT }) : null), [picture, domain, width]);
  const keys = useMemo(() => (data ? seriesKeys(data) : []), [data]);

  const full = data ? extent(data) : null;
  const clampDomain = useCallback(
    (d: [number, number]): [number, number] => {
      if (!full) return d;
      const span = Math.max(MIN_DAYS, Math.min(d[1] - d[0], (full[1] - full[0]) * 1.2 + 30));
      const pad = span * 0.5;
      const start = Math.min(Math.max(d[0], full[0] - pad), full[1] + pad - span);
      return [start, start + span];
    },
    [full],
  );

  // Pans and zooms are applied once per frame, however many pointer events arrive in between.
  const pending = useRef<[number, number] | null>(null);
  const schedule = (d: [number, number]) => {
    const first = pending.current === null;
    pending.current = clampDomain(d);
    if (first)
      requestAnimationFrame(() => {
        if (pending.current) setDomain(pending.current);
        pending.current = null;
      });
  };
  const current = () => pending.current ?? domain;
  const pan = (fraction: number) => {
    const d = current();
    if (!d) return;
    const shift = (d[1] - d[0]) * fraction;
    schedule([d[0] + shift, d[1] + shift]);
  };
  const zoom = (factor: number, at?: number) => {
    const d = current();
    if (!d) return;
    const centre = at ?? (d[0] + d[1]) / 2;
    schedule([centre - (centre - d[0]) * factor, centre + (d[1] - centre) * factor]);
  };

  const drag = useRef<{ x: number; domain: [number, number]; moved: boolean } | null>(null);
  const dayAt = (clientX: number): number | null => {
    const svg = box.current?.querySelector('svg');
    if (!svg || !view || !domain) return null;
    const bin = view.binAt(clientX - svg.getBoundingClientRect().left);
    return bin ? bin.start : null;
  };

  const openBin = (bin: Bin | null) => {
    setChosen(bin);
    setReports(null);
    if (!bin) return;
    call('events/list', {
      sort: 'date',
      descending: false,
      dateFrom: isoDay(bin.start),
      dateTo: isoDay(bin.end - 1),
      limit: 200,
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.actor ? { actor: filter.actor } : {}),
      ...(filter.source ? { source: filter.source } : {}),
    })
      .then(setReports)
      .catch((err: unknown) => setError((err as Error).message));
  };

  // The table is drawn again only when its bins change, not with every hover or cursor move.
  const openBinLatest = useRef(openBin);
  openBinLatest.current = openBin;
  const showFromTable = useCallback((bin: Bin) => openBinLatest.current(bin), []);

  const shown = useMemo(() => view?.bins.filter((b) => b.events > 0) ?? [], [view]);
  // The table follows the chart at a lower priority: while a drag pans, each frame draws the chart
  // and the table's hundreds of rows catch up when there is time, never in front of a frame.
  const tableBins = useDeferredValue(shown);
  const cursorBin = cursor !== null ? (shown.find((b) => b.start === cursor) ?? null) : null;
  const card = hover ?? cursorBin;

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!view) return;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      if (e.shiftKey) return pan(e.key === 'ArrowLeft' ? -0.1 : 0.1);
      const at = cursorBin ? shown.indexOf(cursorBin) : -1;
      const next = shown[e.key === 'ArrowLeft' ? Math.max(0, at - 1) : Math.min(shown.length - 1, at + 1)];
      if (next) setCursor(next.start);
    } else if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      zoom(0.8);
    } else if (e.key === '-') {
      e.preventDefault();
      zoom(1.25);
    } else if (e.key === 'Home' && full) {
      e.preventDefault();
      setDomain(full);
    } else if (e.key === 'Enter' && cursorBin) {
      e.preventDefault();
      openBin(cursorBin);
    }
  };

  const total = data ? data.counts.reduce((n, c) => n + c.events, 0) : 0;
  return (
    <section className="timeline-view" aria-label="Timeline view">
      <div className="timeline-bar">
        <label>
          Type{' '}
          <select aria-label="Filter by type" value={filter.type ?? ''} onChange={(e) => setFilter((f) => ({ ...f, type: e.target.value || undefined }))}>
            <option value="">All types</option>
            {(data?.types ?? []).map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Actor <input aria-label="Filter by actor" value={actorDraft} placeholder="any actor" onChange={(e) => setActorDraft(e.target.value)} />
        </label>
        <label>
          Source{' '}
          <select aria-label="Filter by source" value={filter.source ?? ''} onChange={(e) => setFilter((f) => ({ ...f, source: e.target.value || undefined }))}>
            <option value="">All sources</option>
            {(data?.sources ?? []).map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <span className="timeline-summary" aria-live="polite">
          {data ? `${total} dated event${total === 1 ? '' : 's'}${data.undated ? `, ${data.undated} without a date (not drawn)` : ''}${view ? `; one bar per ${view.unit}` : ''}` : 'Loading…'}
        </span>
      </div>
      {error ? (
        <div role="alert" className="error">
          {error}
        </div>
      ) : null}
      <ul className="timeline-legend" aria-label="Legend">
        {keys.map((k) => (
          <li key={k.key}>
            <span className="swatch" style={{ background: k.colour }} aria-hidden="true" /> {k.key}
          </li>
        ))}
        <li>
          <span className="swatch incidents" aria-hidden="true" /> Incidents
        </li>
      </ul>
      <div className="timeline-chart" ref={box}>
        {view && data && total > 0 ? (
          <svg
            role="img"
            aria-label="Timeline"
            aria-describedby="timeline-help"
            tabIndex={0}
            width={width}
            height={HEIGHT}
            onKeyDown={onKeyDown}
            onPointerDown={(e) => {
              if (!domain) return;
              (e.currentTarget as Element).setPointerCapture(e.pointerId);
              drag.current = { x: e.clientX, domain, moved: false };
            }}
            onPointerMove={(e) => {
              const d = drag.current;
              if (d && domain) {
                const dx = e.clientX - d.x;
                if (Math.abs(dx) > 3) d.moved = true;
                const perPx = (d.domain[1] - d.domain[0]) / Math.max(1, width - 52);
                schedule([d.domain[0] - dx * perPx, d.domain[1] - dx * perPx]);
                return;
              }
              const day = dayAt(e.clientX);
              setHover(day === null ? null : (shown.find((b) => b.start === day) ?? null));
            }}
            onPointerUp={(e) => {
              const d = drag.current;
              drag.current = null;
              if (d && !d.moved) {
                const day = dayAt(e.clientX);
                const bin = day === null ? null : (shown.find((b) => b.start === day) ?? null);
                if (bin) {
                  setCursor(bin.start);
                  openBin(bin);
                }
              }
            }}
            onPointerLeave={() => setHover(null)}
            onWheel={(e) => {
              const svg = e.currentTarget.getBoundingClientRect();
              const d = current();
              if (!d) return;
              const at = d[0] + ((e.clientX - svg.left - 40) / Math.max(1, width - 52)) * (d[1] - d[0]);
              zoom(e.deltaY > 0 ? 1.15 : 0.87, at);
            }}
          >
            <title>Timeline: events by date, stacked by type, with incidents as a dashed line</title>
            {view.yTicks.map((t) => (
              <g key={t.label} className="grid">
                <line x1={40} x2={width - 12} y1={t.y} y2={t.y} />
                <text x={34} y={t.y + 4} textAnchor="end">
                  {t.label}
                </text>
              </g>
            ))}
            <g clipPath="url(#timeline-clip)">
              {view.series.map((s) => (
                <path key={s.key} d={s.path} fill={s.colour} className="series" data-series={s.key} />
              ))}
              <path d={view.incidentsPath} className="incidents-line" />
              {card ? <rect className="bin-mark" x={view.x(card.start)} y={10} width={Math.max(2, view.x(card.end) - view.x(card.start))} height={HEIGHT - 34} /> : null}
              {chosen ? <rect className="bin-chosen" x={view.x(chosen.start)} y={10} width={Math.max(2, view.x(chosen.end) - view.x(chosen.start))} height={HEIGHT - 34} /> : null}
            </g>
            <defs>
              <clipPath id="timeline-clip">
                <rect x={40} y={0} width={Math.max(0, width - 52)} height={HEIGHT} />
              </clipPath>
            </defs>
            {view.ticks.map((t) => (
              <text key={`${t.x}:${t.label}`} className="tick" x={t.x} y={HEIGHT - 6} textAnchor="middle">
                {t.label}
              </text>
            ))}
          </svg>
        ) : data ? (
          <p className="empty">No dated events{filter.type || filter.actor || filter.source ? ' match the filters' : ' yet: give events a date to see them here'}.</p>
        ) : null}
        {card && view ? (
          <div role="tooltip" className="timeline-card" style={{ left: Math.min(width - 240, Math.max(0, view.x(card.start) - 40)) }}>
            <strong>{period(card)}</strong>
            <div>
              {card.events} event{card.events === 1 ? '' : 's'}, {card.incidents} incident{card.incidents === 1 ? '' : 's'}
              {card.imprecise ? ` (${card.imprecise} dated only to the week, month or year)` : ''}
            </div>
            <ul>
              {[...card.byType].map(([t, n]) => (
                <li key={t}>
                  {t}: {n}
                </li>
              ))}
            </ul>
            {card.figures.length ? (
              <div className="figures">
                Figures:
                <ul>
                  {card.figures.map((f) => (
                    <li key={`${f.counts}:${f.unit}`}>{figureText(f)}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
      <p id="timeline-help" className="hint">
        Drag or Shift+arrow keys to pan, the wheel or + and − to zoom, Home to see everything; the arrow keys move from bar to bar and Enter lists a bar&apos;s reports.
      </p>
      {chosen ? (
        <section className="timeline-reports" aria-label="Reports">
          <h2>
            Reports of {period(chosen)} {reports ? `(${reports.total})` : ''}
          </h2>
          {reports ? (
            <ul>
              {reports.items.map((r) => (
                <li key={r.id}>
                  <button type="button" onClick={() => onOpenReport(r.articleId, r.id)}>
                    Open
                  </button>{' '}
                  <span className="report-date">{r.date}</span> <strong>{r.articleTitle}</strong> {r.source ? <span className="report-source">({r.source})</span> : null} — {r.quote}
                  {r.figures.length ? <span className="report-figures"> · {r.figures.map((f) => `${f.qualifier && f.qualifier !== 'exact' ? `${f.qualifier} ` : ''}${f.value ?? '?'} ${f.unit ?? ''}`.trim()).join(', ')}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>Loading…</p>
          )}
        </section>
      ) : null}
      {view ? <TimelineTable bins={tableBins} onShow={showFromTable} /> : null}
    </section>
  );
}
