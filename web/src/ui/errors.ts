import { GraphQLRequestError, NetworkError } from '../api/transport';
import { PayloadFailure, type PayloadError } from '../api/types';
import { LoginFailure } from '../auth/session';
import { t } from '../i18n';

/**
 * A translated sentence for a payload error: `err.<CODE>.type` when the error names a known ticket type, else
 * `err.<CODE>`, else the server's English message.
 */
export function describePayloadError(error: PayloadError, names: Record<string, string> = {}): string {
  const params = { type: '', remaining: error.remaining ?? 0, limit: error.limit ?? '' };
  const typeName = error.ticketTypeId ? names[error.ticketTypeId] : undefined;
  if (typeName) {
    const key = `err.${error.code}.type`;
    const text = t(key, { ...params, type: typeName });
    if (text !== key) return text;
  }
  const key = `err.${error.code}`;
  const text = t(key, params);
  return text === key ? t('error.generic', { message: error.message }) : text;
}

/** A translated, human sentence for any error a page can meet. names: ticket type ids → names, for typed errors. */
export function describeError(error: unknown, names?: Record<string, string>): string {
  if (error instanceof PayloadFailure) return describePayloadError(error.first, names);
  if (error instanceof LoginFailure) return describePayloadError({ __typename: error.name, code: error.code, message: error.message });
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof GraphQLRequestError && (error.code === 'UNAUTHENTICATED' || error.status === 401)) {
    return t('error.unauthenticated');
  }
  const message = error instanceof Error ? error.message : String(error);
  return t('error.generic', { message });
}
