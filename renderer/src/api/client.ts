import { CHANNELS, functionName, type Channel, type Envelope, type ErrorCode } from '../../../shared/ipc/channels';
import type { InputOf, OutputOf } from '../../../shared/ipc/contract';

/** What preload (in the app) or the test host's bridge (in a browser) puts on window. */
type Bridge = Record<string, (input?: unknown) => Promise<Envelope<unknown>>>;

declare global {
  interface Window {
    spanwise?: Bridge;
  }
}

/** An error the backend returned: its code is stable, its message is for people. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The one place that turns the contract's envelopes back into values and exceptions. The
 * bridge is looked up on each call so a missing backend fails loudly rather than at import.
 */
export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const bridge = window.spanwise;
  const fn = bridge?.[functionName(channel)];
  if (!fn) throw new ApiError('internal', `the backend is not connected (no ${functionName(channel)} on window.spanwise)`);
  const envelope = await fn(input);
  if (envelope.ok) return envelope.value as OutputOf<C>;
  throw new ApiError(envelope.error.code, envelope.error.message);
}

export function backendAvailable(): boolean {
  const bridge = window.spanwise;
  return !!bridge && CHANNELS.every((c) => typeof bridge[functionName(c)] === 'function');
}
