import { useCallback } from 'react';
import type { ImportReport, Job } from '../../../shared/ipc/contract';
import { call } from '../api/client';
import { useJob } from '../api/useJob';

type Item = { name: string; content: string } | { name: string; base64: string };

/** Runs imports as background jobs: progress while they run, cancel, and the per-file report at the end. */
export function useImport(onFinished: (report: ImportReport) => void) {
  const onEnd = useCallback((job: Job) => job.report && onFinished(job.report), [onFinished]);
  const { job, error, start, cancel, clearError } = useJob(onEnd);
  const fromDialog = useCallback(() => start(call('import/dialog', { folder: false }).then((r) => r.job)), [start]);
  const fromFolderDialog = useCallback(() => start(call('import/dialog', { folder: true }).then((r) => r.job)), [start]);
  const fromItems = useCallback((items: Item[]) => items.length > 0 && start(call('import/texts', { items })), [start]);
  return { job, error: error ? `Import failed: ${error}` : null, fromDialog, fromFolderDialog, fromItems, cancel, clearError };
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
