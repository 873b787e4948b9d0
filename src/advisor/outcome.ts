/** Errors as values: what the user asked wrongly, returned to the front that shows it. */

/** A mistake in what the user asked: shown to them, never thrown. */
export interface UserError {
  message: string;
  /** Close matches or allowed values. */
  suggestions: string[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: UserError };

export const userError = (message: string, suggestions: string[] = []): { ok: false; error: UserError } => ({
  ok: false,
  error: { message, suggestions },
});
