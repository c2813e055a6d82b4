/**
 * The contract's channel names, kept free of zod so the sandboxed preload can bundle them alone.
 * `contract.ts` declares the schema of each; the type system keeps the two lists identical.
 */
export const CHANNELS = [
  'articles/list',
  'articles/get',
  'articles/updateMeta',
  'articles/delete',
  'articles/restore',
  'import/dialog',
  'articles/correctText',
  'import/texts',
  'import/begin',
  'import/add',
  'import/passphrase',
  'export/dialog',
  'jobs/get',
  'jobs/cancel',
  'annotations/create',
  'annotations/createMany',
  'annotations/update',
  'annotations/search',
  'annotations/delete',
  'annotations/restore',
  'library/stats',
  'library/backup',
  'library/restore',
  // events as records: roles, incidents, the codebook (shared/ipc/events.ts)
  'roles/list',
  'roles/set',
  'events/list',
  'events/candidates',
  'incidents/group',
  'incidents/ungroup',
  'incidents/get',
  'codebook/get',
  'codebook/add',
  // The actor and place registry (shared/ipc/entities.ts).
  'entities/list',
  'entities/get',
  'entities/search',
  'entities/create',
  'entities/update',
  'entities/delete',
  'entities/merge',
  'entities/keepApart',
  'entities/split',
  'entities/undo',
  'entities/mentions',
  'annotations/link',
  'suggestions/list',
  'suggestions/accept',
  'suggestions/acceptAll',
  'suggestions/reject',
  'suggestions/start',
  // Provenance: where an article came from, and its original file (shared/ipc/provenance.ts).
  'provenance/get',
  'provenance/saveOriginal',
  // An event's record by id, for the reader (shared/ipc/events.ts).
  'events/get',
  // What the extraction removed from an article (shared/ipc/provenance.ts).
  'provenance/removed',
  // Figures that disagree, their resolutions and the analyst's vocabulary (shared/ipc/figures.ts).
  'figures/disagreements',
  'figures/resolve',
  'figures/restoreResolution',
  'figures/settings',
  'figures/vocabulary',
  // Unlocking an encrypted library (shared/ipc/library.ts).
  'library/lockState',
  'library/unlock',
  // The search index rebuilt in the background after an upgrade (shared/ipc/library.ts).
  'library/searchIndex',
  'library/pauseSearchIndex',
  'timeline/counts',
  'timeline/figures',
  'network/graph',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** 'articles/list' -> 'articlesList': the name preload exposes for a channel. */
export function functionName(channel: Channel): string {
  const [domain, verb] = channel.split('/') as [string, string];
  return domain + verb.charAt(0).toUpperCase() + verb.slice(1);
}

export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'unknown_channel',
  'forbidden',
  'cancelled',
  'store_error',
  'internal',
  /** The library is encrypted and not unlocked yet (shared/ipc/library.ts). */
  'locked',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcError {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcError };
