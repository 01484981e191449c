/** The one error type the HTTP layer knows how to answer with. */
export class AppError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    httpStatus: number,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.httpStatus = httpStatus;
    this.details = options.details;
  }
}

export const badRequest = (message: string, code = 'VALIDATION_ERROR'): AppError =>
  new AppError(code, message, 400);

export const notFound = (message: string, code = 'NOT_FOUND'): AppError =>
  new AppError(code, message, 404);

export const conflict = (message: string, code = 'CONFLICT'): AppError =>
  new AppError(code, message, 409);

export const unprocessable = (message: string, code: string): AppError =>
  new AppError(code, message, 422);

/** Another service did not answer properly: the caller may retry. */
export const unavailable = (
  message: string,
  code: string,
  options: { cause?: unknown } = {},
): AppError => new AppError(code, message, 503, options);

/** The same commande id came back with other content (saga contract: never answered silently). */
export const idempotencyMismatch = (message: string): AppError =>
  unprocessable(message, 'IDEMPOTENCY_MISMATCH');

/** An action arrived after its compensation: the compensation's tombstone refuses it. */
export const alreadyCompensated = (commandeId: string, what: string): AppError =>
  conflict(`Commande ${commandeId} was already ${what}`, 'ALREADY_COMPENSATED');

/** What a read found, or the error it throws when it found nothing. */
export function found<T>(value: T | undefined, missing: () => AppError): T {
  if (value === undefined) throw missing();
  return value;
}

/** Body of every error answer, as the saga contract fixes it. */
export interface ErrorBody {
  error: { code: string; message: string };
}

export const errorBody = (code: string, message: string): ErrorBody => ({
  error: { code, message },
});
