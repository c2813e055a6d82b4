import { useCallback, useState } from 'react';
import type { ImportItem, ImportReport, Job, SetAside } from '../../../shared/ipc/contract';
import { call } from '../api/client';
import { useJob } from '../api/useJob';
import { parts, planDrop, type DropPlan } from './drop';

type Item = ImportItem;

/** A dropped file and its path inside the drop ("reports/2024/a.txt"), so the report names it as the analyst knows it. */
export interface Dropped {
  file: File;
  path: string;
}

/** Runs imports as background jobs: progress while they run, cancel, and the per-file report at the end. */
export function useImport(onFinished: (report: ImportReport) => void) {
  const onEnd = useCallback((job: Job) => job.report && onFinished(job.report), [onFinished]);
  const { job, error, start, cancel, clearError } = useJob(onEnd);
  const [sendError, setSendError] = useState<string | null>(null);
  const fromDialog = useCallback(() => start(call('import/dialog', { folder: false }).then((r) => r.job)), [start]);
  const fromFolderDialog = useCallback(() => start(call('import/dialog', { folder: true }).then((r) => r.job)), [start]);
  const fromItems = useCallback((items: Item[]) => items.length > 0 && start(call('import/texts', { items })), [start]);
  const fromDrop = useCallback(
    (dropped: Dropped[]) => {
      setSendError(null);
      const files = dropped.map((d) => ({ path: d.path, size: d.file.size }));
      const plan = planDrop(files);
      if (plan.send.length === 0 && plan.setAside.length === 0) return;
      const begun = call('import/begin', { expected: plan.send.length, outcomes: plan.setAside });
      start(begun);
      void begun
        .then((j) => sendParts(j.id, plan, dropped))
        .catch((err: Error) => setSendError(`Import failed while sending the dropped files: ${err.message}`));
    },
    [start],
  );
  const problem = error ? `Import failed: ${error}` : sendError;
  return { job, error: problem, fromDialog, fromFolderDialog, fromItems, fromDrop, cancel, clearError: () => (clearError(), setSendError(null)) };
}

/**
 * Sends a planned drop part by part, reading each file only when its part goes, so a drop of any
 * size holds at most one part in memory. Stops as soon as the job is no longer running (cancelled).
 */
async function sendParts(id: string, plan: DropPlan, dropped: Dropped[]): Promise<void> {
  const all = parts(plan, dropped.map((d) => ({ path: d.path, size: d.file.size })));
  if (all.length === 0) {
    await call('import/add', { id, items: [], last: true });
    return;
  }
  for (const [n, part] of all.entries()) {
    const items: ImportItem[] = [];
    const unread: SetAside[] = [];
    for (const { index, ann } of part) {
      const d = dropped[index] as Dropped;
      try {
        const annFile = ann !== undefined ? dropped[ann] : undefined;
        items.push({ name: d.path, base64: await base64Of(d.file), ...(annFile ? { annBase64: await base64Of(annFile.file) } : {}) });
      } catch (err) {
        unread.push({ file: d.path, status: 'failed', message: `could not be read: ${(err as Error).message}` });
      }
    }
    let job: Job;
    try {
      job = await call('import/add', { id, items, ...(unread.length ? { outcomes: unread } : {}), last: n === all.length - 1 });
    } catch (err) {
      await endDrop(id, all.slice(n).flat().map(({ index }) => (dropped[index] as Dropped).path), err as Error);
      throw err;
    }
    if (job.state !== 'running') return;
  }
}

/** Outcomes per import/add call, as the contract allows. */
const MAX_OUTCOMES = 10_000;

/**
 * A part was refused: the job would go on waiting for files that will never come. It is ended
 * with those files listed as not sent, so the report accounts for them; if even that is refused,
 * it is cancelled.
 */
async function endDrop(id: string, unsent: string[], err: Error): Promise<void> {
  const outcomes: SetAside[] = unsent.map((file) => ({ file, status: 'failed', message: `not sent: ${err.message}`.slice(0, 2000) }));
  try {
    for (let from = 0; from === 0 || from < outcomes.length; from += MAX_OUTCOMES) {
      await call('import/add', { id, items: [], outcomes: outcomes.slice(from, from + MAX_OUTCOMES), last: from + MAX_OUTCOMES >= outcomes.length });
    }
  } catch {
    await call('jobs/cancel', { id }).catch(() => undefined);
  }
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A paste: a copied web page arrives as HTML (extracted, never rendered), anything else as text. */
export function pastedItem(data: DataTransfer): Item | null {
  const html = data.getData('text/html');
  const text = data.getData('text/plain');
  const stamp = new Date().toISOString().slice(0, 19).replace('T', ' ');
  if (html.trim()) return { name: `Pasted ${stamp}.html`, content: html };
  if (text.trim()) return { name: `Pasted ${stamp}.txt`, content: text };
  return null;
}

/**
 * Files dropped on the window, dropped folders walked recursively, each with its path inside the
 * drop. Hidden files are listed too (the report says they were skipped). Nothing is read here.
 */
export async function droppedFiles(data: DataTransfer): Promise<Dropped[]> {
  // Entries must be taken while the drop event is being handled, before any await.
  const entries = Array.from(data.items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return Array.from(data.files).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
  const files: Dropped[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail));
      files.push({ file, path: entry.fullPath.replace(/^\/+/, '') || file.name });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns the listing in chunks; keep reading until it returns none.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}
