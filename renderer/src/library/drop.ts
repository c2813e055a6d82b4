import { extensionOf, isDroppedBundle, MAX_FILE_BYTES, skipReason, tooLarge } from '../../../shared/formats';
import type { SetAside } from '../../../shared/ipc/contract';

/** A dropped file as the drop lists it: its path inside the drop (folders kept) and its size. */
export interface DroppedFile {
  path: string;
  size: number;
}

/** A file to send, by its index in the drop, with the brat `.ann` beside it when there is one. */
export interface ToSend {
  index: number;
  ann?: number;
}

export interface DropPlan {
  send: ToSend[];
  setAside: SetAside[];
}

/** Bytes (before base64) sent per import/add call: a drop of any size moves in parts this big. */
export const PART_BYTES = 16 * 1024 * 1024;
/** Files per part, so a drop of many small files still reports progress as it goes. */
export const PART_FILES = 200;

const stem = (path: string) => path.slice(0, path.length - extensionOf(path).length);

/**
 * Sorts a drop before a byte of it is read: article files to send (a `.txt` with the `.ann` of
 * the same name beside it goes as a brat pair), everything else set aside with the reason, each
 * named by its path in the drop. Dropped files travel whole, so the single-file limit applies to
 * every one of them, JSONL included; a larger JSONL imports through the Import button.
 */
export function planDrop(files: DroppedFile[]): DropPlan {
  const send: ToSend[] = [];
  const setAside: SetAside[] = [];
  const texts = new Map<string, number>();
  files.forEach((f, i) => {
    if (extensionOf(f.path) === '.txt') texts.set(stem(f.path), i);
  });
  const annFor = new Map<number, number>();
  files.forEach((f, i) => {
    if (extensionOf(f.path) !== '.ann') return;
    const txt = texts.get(stem(f.path));
    if (txt !== undefined) annFor.set(txt, i);
  });
  const paired = new Set(annFor.values());
  files.forEach((f, i) => {
    const ext = extensionOf(f.path);
    // A bundle is no article file, but it is sent: it is merged (an encrypted one asks for its passphrase).
    const reason = isDroppedBundle(f.path) ? null : skipReason(f.path, () => paired.has(i));
    // '' is a brat .ann: it is sent with its .txt.
    if (reason !== null) {
      if (reason !== '') setAside.push({ file: f.path, status: 'skipped', message: reason });
      return;
    }
    const ann = annFor.get(i);
    const big = [f, ...(ann !== undefined ? [files[ann] as DroppedFile] : [])].find((x) => x.size > MAX_FILE_BYTES);
    if (big) {
      const hint =
        ext === '.jsonl' || ext === '.ndjson'
          ? '; use the Import button for a larger JSONL file: it is read a line at a time'
          : isDroppedBundle(f.path)
            ? '; use the Import button for a larger bundle: it is read as it streams'
            : '';
      setAside.push({ file: big.path, status: 'failed', message: `${tooLarge(big.size)} for a dropped file${hint}` });
      return;
    }
    send.push({ index: i, ...(ann !== undefined ? { ann } : {}) });
  });
  return { send, setAside };
}

/** The files to send, in parts of at most PART_BYTES and PART_FILES (a single larger file is a part of its own). */
export function parts(plan: DropPlan, files: DroppedFile[]): ToSend[][] {
  const out: ToSend[][] = [];
  let part: ToSend[] = [];
  let bytes = 0;
  for (const item of plan.send) {
    const size = (files[item.index]?.size ?? 0) + (item.ann !== undefined ? (files[item.ann]?.size ?? 0) : 0);
    if (part.length > 0 && (bytes + size > PART_BYTES || part.length >= PART_FILES)) {
      out.push(part);
      part = [];
      bytes = 0;
    }
    part.push(item);
    bytes += size;
  }
  if (part.length > 0) out.push(part);
  return out;
}
