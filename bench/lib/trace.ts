/**
 * Reads a Chromium performance trace (devtools.timeline) and gives the self time of each kind of
 * work on the page's main thread (script, style, layout, paint, GC...), so a slow open or keystroke
 * can be attributed to what the browser actually did rather than guessed.
 */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, which waiting for a core on a busy machine does not inflate. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export interface TraceSummary {
  mainThreadMs: number;
  selfMs: { name: string; ms: number }[];
}

/**
 * With `clock: 'thread'` the times are the main thread's CPU time (tdur) rather than wall time,
 * for comparing two builds on a machine whose cores are shared.
 */
export function summariseTrace(json: string, top = 12, clock: 'wall' | 'thread' = 'wall'): TraceSummary {
  const raw = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const events = clock === 'wall' ? raw : raw.map((e) => (e.ph === 'X' ? { ...e, tdur: e.tdur ?? 0 } : e));
  const time = (e: TraceEvent) => (clock === 'wall' ? (e.dur ?? 0) : (e.tdur ?? 0));
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  // The page's renderer is the main thread that did the most work.
  const busy = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(key)) continue;
    const list = busy.get(key) ?? [];
    list.push(e);
    busy.set(key, list);
  }
  const thread = [...busy.values()].sort((a, b) => total(b) - total(a))[0] ?? [];
  thread.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Self time: an event's duration less that of the events nested directly inside it.
  const self = new Map<string, number>();
  const stack: { end: number; name: string; child: number; dur: number }[] = [];
  const close = (until: number) => {
    while (stack.length && (stack[stack.length - 1] as { end: number }).end <= until) {
      const done = stack.pop() as { name: string; child: number; dur: number };
      self.set(done.name, (self.get(done.name) ?? 0) + done.dur - done.child);
    }
  };
  let top0 = 0;
  for (const e of thread) {
    close(e.ts);
    const dur = time(e);
    const parent = stack[stack.length - 1];
    if (parent) parent.child += dur;
    else top0 += dur;
    // Nesting follows the wall clock whichever clock is summed.
    stack.push({ end: e.ts + (e.dur ?? 0), name: e.name, child: 0, dur });
  }
  close(Number.POSITIVE_INFINITY);
  return {
    mainThreadMs: Math.round(top0 / 1000),
    selfMs: [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10 })),
  };
}

function total(list: TraceEvent[]): number {
  return list.reduce((t, e) => t + (e.dur ?? 0), 0);
}
