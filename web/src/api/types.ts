// Shapes of the API objects the pages select (only the fields they ask for). Field names follow schema/schema.graphql.
import type { Money } from '../i18n';

export type { Money };

export const MONEY = 'minorUnits currency minorUnitDigits';

export type OrderStatus = 'RESERVED' | 'PAID' | 'CANCELLED' | 'EXPIRED' | 'REFUNDED';
export type PaymentProviderKind = 'DEVELOPMENT' | 'STRIPE' | 'CLICTOPAY';
export type OrganizationRole = 'SCANNER' | 'MANAGER' | 'OWNER';

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount?: number;
}

/** A business error from a payload's `errors` list (every error type implements Error { code message }). */
export interface PayloadError {
  __typename: string;
  code: string;
  message: string;
  ticketTypeId?: string | null;
  remaining?: number | null;
  limit?: number | null;
}

/** The selection that fills PayloadError for any payload's error union; extra: inline fragments of that union. */
export function payloadErrors(extra = ''): string {
  return `errors { __typename ... on Error { code message } ${extra} }`;
}

/** Thrown by pages when a mutation's payload lists errors; the first one drives the message. */
export class PayloadFailure extends Error {
  override name = 'PayloadFailure';
  constructor(readonly errors: PayloadError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
  get first(): PayloadError {
    return this.errors[0]!;
  }
}

/** Throws PayloadFailure when the payload lists errors. */
export function ensureNoErrors<P extends { errors: PayloadError[] }>(payload: P): P {
  if (payload.errors.length) throw new PayloadFailure(payload.errors);
  return payload;
}
