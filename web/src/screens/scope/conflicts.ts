// A refusal because other records still use something (a classification level
// assets are on, a service others run on): the server's message names them,
// which says more than the generic "conflicts with another change".
import { isApiError } from '../../api/client';
import { errorString } from '../../components/errors';
import { tk } from '../../i18n';

const IN_USE = new Set(['level_in_use', 'in_use', 'breaks_dependant']);

export function inUseText(e: unknown): string {
  if (isApiError(e) && IN_USE.has(e.reason)) return tk('scope.inUse', '', { detail: e.message });
  return errorString(e);
}
