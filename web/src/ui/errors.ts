import { GraphQLRequestError, NetworkError } from '../api/transport';
import { t } from '../i18n';

/** A translated, human sentence for any error a page can meet. */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof GraphQLRequestError && (error.code === 'UNAUTHENTICATED' || error.status === 401)) {
    return t('error.unauthenticated');
  }
  const message = error instanceof Error ? error.message : String(error);
  return t('error.generic', { message });
}
