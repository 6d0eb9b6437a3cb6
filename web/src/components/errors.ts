import { ApiError, isApiError } from '../api/client';
import { tk } from '../i18n';

// Reasons whose server message carries detail worth showing (limits, counts).
const DETAILED = new Set(['weak_password', 'out_of_range', 'too_long', 'type', 'invalid', 'not_allowed']);

/** The words for an error: the translated reason, and the server's own detail when it adds something. */
export function errorText(e: unknown): { message: string; detail?: string } {
  if (isApiError(e)) {
    const translated = tk(`reasons.${e.reason}`, '');
    if (translated) {
      return { message: translated, detail: DETAILED.has(e.reason) && e.message ? e.message : undefined };
    }
    const byCode = tk(`reasons.${e.code}`, '');
    if (e.status >= 500) return { message: tk('reasons.server_error'), detail: e.message };
    return { message: byCode || tk('reasons.error'), detail: e.message };
  }
  if (e instanceof Error) return { message: tk('reasons.error'), detail: e.message };
  return { message: tk('reasons.error') };
}

export function errorString(e: unknown): string {
  const { message, detail } = errorText(e);
  return detail ? `${message} (${detail})` : message;
}

export { ApiError };
