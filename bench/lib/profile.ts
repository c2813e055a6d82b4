import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './proc';

/** A V8 .cpuprofile (what node --cpu-prof writes, and Chromium's Profiler.stop returns). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by function, largest first. */
  functions: { name: string; ms: number; share: number }[];
  /** Self time by where the code lives (a project file, a package, native code, GC). */
  places: { place: string; ms: number; share: number }[];
}

function place(url: string, name: string): string {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(program)' || name === '(idle)') return name;
  if (!url) return 'native (V8 builtins and addons: SQLite runs here)';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return `package ${pkg[1]}`;
  if (path.startsWith('node:')) return 'Node built-ins';
  return relative(ROOT, path);
}

/**
 * Self time per function and per place, from the busiest profile in `dir`. A process writes one
 * profile per thread (tsx's loader runs in a worker), and the work is on the thread least idle.
 */
export function summariseProfile(dir: string, top = 12): ProfileSummary {
  const summaries = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => summariseCpuProfile(JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile, top));
  if (summaries.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  const busy = (s: ProfileSummary) => s.totalMs - (s.places.find((p) => p.place === '(idle)')?.ms ?? 0);
  return summaries.reduce((a, b) => (busy(b) > busy(a) ? b : a));
}

export function summariseCpuProfile(profile: CpuProfile, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const fn = new Map<string, number>();
  const where = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    total += ms;
    const p = place(url, functionName);
    const name = `${functionName || '(anonymous)'} ${url ? `${p}:${lineNumber + 1}` : `[${p.split(' ')[0]}]`}`;
    fn.set(name, (fn.get(name) ?? 0) + ms);
    where.set(p, (where.get(p) ?? 0) + ms);
  }
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => ({ ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10, k }));
  return {
    totalMs: Math.round(total),
    functions: list(fn).map(({ k, ...r }) => ({ name: k, ...r })),
    places: list(where).map(({ k, ...r }) => ({ place: k, ...r })),
  };
}
