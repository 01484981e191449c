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

/** Body of every error answer, as the saga contract fixes it. */
export interface ErrorBody {
  error: { code: string; message: string };
}

export const errorBody = (code: string, message: string): ErrorBody => ({
  error: { code, message },
});
