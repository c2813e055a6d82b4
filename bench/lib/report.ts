import { appendFileSync } from 'node:fs';
import { cpus, freemem, release, totalmem, type as osType } from 'node:os';

/**
 * One measured figure, printed as one JSON line. `ratio` always reads "how many times the
 * baseline's cost Spanwise pays": time over baseline time, or baseline rate over Spanwise's rate,
 * so 1 means as fast as the baseline and 2 means twice as slow, whatever the unit.
 */
export interface Figure {
  suite: 'import' | 'search' | 'editor' | 'export' | 'actors' | 'registry' | 'startup' | 'events-view' | 'encryption' | 'events' | 'figures' | 'timeline';
  figure: string;
  /** 1x, 10x or 100x of the suite's ladder. */
  scale: string;
  /** What the figure was measured on (articles, spans, words...). */
  size: Record<string, number>;
  value: number;
  unit: string;
  baseline: number;
  /** What the baseline is, in a few words. */
  baselineIs: string;
  ratio: number;
  /** The target for this figure, when it has one, e.g. "ratio <= 1.5", "value <= 20". */
  target?: string;
  met?: boolean;
  /** Anything else worth keeping with the figure (samples, start-up time...). */
  extra?: Record<string, unknown>;
}

let sink: string | null = null;

/** Every figure is also appended to this file (JSON lines), for writing BENCHMARKS.md from. */
export function setSink(file: string | null): void {
  sink = file;
}

function check(target: string | undefined, value: number, ratio: number): boolean | undefined {
  if (!target) return undefined;
  const m = /^(value|ratio) <= ([\d.]+)$/.exec(target);
  if (!m) throw new Error(`cannot read target "${target}"`);
  return (m[1] === 'value' ? value : ratio) <= Number(m[2]);
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000);

export function emit(f: Omit<Figure, 'met'>): Figure {
  const figure: Figure = { ...f, value: round(f.value), baseline: round(f.baseline), ratio: Math.round(f.ratio * 100) / 100 };
  const met = check(f.target, f.value, f.ratio);
  if (met !== undefined) figure.met = met;
  const line = JSON.stringify(figure);
  process.stdout.write(`${line}\n`);
  if (sink) appendFileSync(sink, `${line}\n`);
  return figure;
}

/** Progress for people, on stderr so stdout stays one JSON figure per line. */
export function note(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank: the p95 of 20 samples is the 19th, never an interpolation below a real sample.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** The machine, from the os module only. */
export function machine(): Record<string, string | number> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeRamGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}
