import { useCallback, useRef, useState } from 'react';
import type { ImportReport, Job } from '../../../shared/ipc/contract';
import { call } from '../api/client';

const POLL_MS = 120;

type Item = { name: string; content: string } | { name: string; base64: string };

/** Runs imports as background jobs: progress while they run, cancel, and the per-file report at the end. */
export function useImport(onFinished: (report: ImportReport) => void) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const polling = useRef<number | null>(null);

  const follow = useCallback(
    (started: Job) => {
      setJob(started);
      const tick = () => {
        call('jobs/get', { id: started.id })
          .then((current) => {
            setJob(current);
            if (current.state === 'running') {
              polling.current = window.setTimeout(tick, POLL_MS);
              return;
            }
            setJob(null);
            if (current.state === 'failed') setError(`Import failed: ${current.error ?? 'unknown error'}`);
            else if (current.report) onFinished(current.report);
          })
          .catch((err: Error) => {
            setJob(null);
            setError(err.message);
          });
      };
      polling.current = window.setTimeout(tick, POLL_MS);
    },
    [onFinished],
  );

  const start = useCallback(
    (request: Promise<Job | null>) => {
      setError(null);
      request.then((j) => j && follow(j)).catch((err: Error) => setError(err.message));
    },
    [follow],
  );

  const fromDialog = useCallback(() => start(call('import/dialog', {}).then((r) => r.job)), [start]);
  const fromItems = useCallback((items: Item[]) => items.length > 0 && start(call('import/texts', { items })), [start]);
  const cancel = useCallback(() => {
    if (job) void call('jobs/cancel', { id: job.id }).catch(() => undefined);
  }, [job]);

  return { job, error, fromDialog, fromItems, cancel, clearError: () => setError(null) };
}

/** Reads dropped files as bytes (base64) so the importer, not the browser, decides their encoding. */
export async function readDropped(files: FileList | File[]): Promise<Item[]> {
  const items: Item[] = [];
  for (const file of Array.from(files)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    items.push({ name: file.webkitRelativePath || file.name, base64: btoa(binary) });
  }
  return items;
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

/** Files dropped on the window, with dropped folders walked recursively. */
export async function droppedFiles(data: DataTransfer): Promise<File[]> {
  const entries = Array.from(data.items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return Array.from(data.files);
  const files: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      files.push(await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail)));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns the listing in chunks; keep reading until it returns none.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
        if (batch.length === 0) break;
        for (const child of batch) if (!child.name.startsWith('.')) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}
