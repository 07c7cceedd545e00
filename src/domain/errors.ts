/**
 * A broken business rule, raised by pure domain code. Services translate it into an
 * AppError (src/errors.ts) so that the domain never depends on how errors reach people.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export function isDomainError(error: unknown, code?: string): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
