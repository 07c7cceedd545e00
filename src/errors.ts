// Expected failures carry a code; handlers map codes to what the user is told (views/messages.ts).

export const ERROR_CODES = [
  "NOT_REGISTERED",
  "FORBIDDEN",
  "NOT_FOUND",
  "VALIDATION",
  "CONFLICT",
  "ALREADY_DONE",
  "SLACK_UNAVAILABLE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorOptions {
  /** For logs: what went wrong, in engineers' words. */
  message?: string;
  /** Extra facts a view builder may need to explain the error (who may do it, which field). */
  details?: Record<string, unknown>;
  /** Field-level problems for modal inputs: block id → message key or text. */
  fieldErrors?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly fieldErrors?: Record<string, string>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details ?? {};
    this.fieldErrors = options.fieldErrors;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
