import type { Backend } from '../services/app';

/** The value of a contract call that must succeed; a failed call throws with its code and message. */
export async function ok<T>(b: Backend, channel: string, input: unknown): Promise<T> {
  const envelope = await b.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

/** Imports one pasted text through the contract, waits for its job, and gives the new article's id. */
export async function importText(b: Backend, content: string): Promise<string> {
  const job = await ok<{ id: string }>(b, 'import/texts', { items: [{ name: 'a.txt', content }] });
  for (;;) {
    const current = await ok<{ state: string; report: { outcomes: { articleIds: string[] }[] } | null }>(b, 'jobs/get', { id: job.id });
    if (current.state !== 'running') return current.report?.outcomes[0]?.articleIds[0] as string;
    await new Promise((r) => setTimeout(r, 5));
  }
}
