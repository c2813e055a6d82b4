/** An error a handler raises on purpose; its code reaches the renderer unchanged. */
export class HandlerError extends Error {
  constructor(
    readonly code: 'invalid_input' | 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}
