import { CHANNELS, type Channel, type Envelope, type ErrorCode } from '../../../shared/ipc/channels';
import { contract } from '../../../shared/ipc/contract';
import { wellFormed } from '../../../shared/text';
import { StoreError } from '../store/db';
import { HandlerError } from './errors';
import type { Handlers } from './handlers';

export type Dispatch = (channel: string, input: unknown) => Promise<Envelope<unknown>>;

const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);

/**
 * The one gate every call from the (untrusted) renderer passes: unknown channels and malformed
 * input are refused with a code before any handler runs, and no exception escapes as a crash.
 */
export function createDispatch(handlers: Handlers, log: (message: string, err: unknown) => void = () => {}): Dispatch {
  return async (channel, input) => {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return fail('unknown_channel', `unknown channel "${String(channel).slice(0, 100)}"`);
    }
    const parsed = contract[channel].input.safeParse(input ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`)
        .join('; ');
      return fail('invalid_input', `${channel}: ${detail}`);
    }
    try {
      const handler = handlers[channel] as (i: unknown) => unknown;
      const value = await handler(wellFormedDeep(parsed.data));
      return { ok: true, value };
    } catch (err) {
      if (err instanceof HandlerError) return fail(err.code, err.message);
      if (err instanceof StoreError) return fail(storeCode(err), err.message);
      log(`${channel} failed`, err);
      return fail('internal', `${channel} failed: ${(err as Error)?.message ?? String(err)}`);
    }
  };
}

/**
 * Every string of a call made well formed (shared/text.ts `wellFormed`) before any handler sees
 * it, so lengths and offsets the renderer computed stay true once stored.
 */
export function wellFormedDeep(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormedDeep);
  if (value && typeof value === 'object') {
    // fromEntries defines own properties, so a "__proto__" key stays data and never a prototype.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wellFormedDeep(v)]));
  }
  return value;
}

function storeCode(err: StoreError): ErrorCode {
  switch (err.code) {
    case 'not_found':
      return 'not_found';
    case 'conflict':
      return 'conflict';
    case 'invalid':
      return 'invalid_input';
    default:
      return 'store_error';
  }
}

function fail(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}
