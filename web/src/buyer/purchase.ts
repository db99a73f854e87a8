import { request } from '../api/graphql';
import { MONEY, ensureNoErrors, payloadErrors, type OrderStatus, type PaymentProviderKind, type PayloadError } from '../api/types';

export interface PaymentOptions {
  providers: PaymentProviderKind[];
  stripePublishableKey: string | null;
}

const PAYMENT_OPTIONS = `query PaymentOptions { paymentOptions { providers stripePublishableKey } }`;

let paymentOptionsCache: Promise<PaymentOptions> | null = null;

/** What the server can take money through (asked once per page load). */
export function paymentOptions(): Promise<PaymentOptions> {
  paymentOptionsCache ??= request<{ paymentOptions: PaymentOptions }>(PAYMENT_OPTIONS)
    .then((d) => d.paymentOptions)
    .catch((error: unknown) => {
      paymentOptionsCache = null; // ask again next time
      throw error;
    });
  return paymentOptionsCache;
}

/** DEVELOPMENT first when the server offers it (instant, for demos and tests), then Stripe, then Clictopay. */
export function pickProvider(options: PaymentOptions): PaymentProviderKind | null {
  const order: PaymentProviderKind[] = ['DEVELOPMENT', 'STRIPE', 'CLICTOPAY'];
  return order.find((p) => options.providers.includes(p) && (p !== 'STRIPE' || !!options.stripePublishableKey)) ?? null;
}

export interface ReservedOrder {
  id: string;
  number: string;
  status: OrderStatus;
  expiresAt: string;
}

const RESERVE = `mutation Reserve($input: ReserveTicketsInput!) {
  reserveTickets(input: $input) {
    order { id number status expiresAt total { ${MONEY} } }
    replayed
    ${payloadErrors(`... on SoldOutError { ticketTypeId remaining }
      ... on SalesClosedError { ticketTypeId }
      ... on LimitExceededError { ticketTypeId limit }`)}
  }
}`;

export interface ReserveItem {
  ticketTypeId: string;
  quantity: number;
}

/**
 * Reserves the tickets. idempotencyKey identifies this purchase: a retry after a network failure with the same
 * key returns the order the first attempt created instead of reserving twice.
 */
export async function reserve(eventId: string, items: ReserveItem[], idempotencyKey: string, promoCode?: string): Promise<ReservedOrder> {
  const data = await request<{ reserveTickets: { order: ReservedOrder | null; errors: PayloadError[] } }>(RESERVE, {
    input: { eventId, items, idempotencyKey, promoCode: promoCode || null },
  });
  const payload = ensureNoErrors(data.reserveTickets);
  if (!payload.order) throw new Error('reserveTickets returned no order');
  return payload.order;
}

export interface PaymentSession {
  provider: PaymentProviderKind;
  state: 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';
  clientSecret: string | null;
  redirectUrl: string | null;
}

const CHECKOUT = `mutation Checkout($input: CheckoutInput!) {
  checkout(input: $input) {
    order { id status }
    payment { provider state clientSecret redirectUrl }
    ${payloadErrors('... on PaymentProviderError { provider }')}
  }
}`;

/** Starts (or resumes: the server returns the same pending payment) paying a reserved order. */
export async function checkout(orderId: string, provider: PaymentProviderKind): Promise<{ status: OrderStatus; payment: PaymentSession | null }> {
  const data = await request<{
    checkout: { order: { id: string; status: OrderStatus } | null; payment: PaymentSession | null; errors: PayloadError[] };
  }>(CHECKOUT, { input: { orderId, provider } });
  const payload = ensureNoErrors(data.checkout);
  return { status: payload.order?.status ?? 'RESERVED', payment: payload.payment };
}

const CANCEL = `mutation CancelOrder($input: CancelOrderInput!) {
  cancelOrder(input: $input) { order { id status } ${payloadErrors()} }
}`;

export async function cancelOrder(orderId: string): Promise<void> {
  const data = await request<{ cancelOrder: { errors: PayloadError[] } }>(CANCEL, { input: { orderId } });
  ensureNoErrors(data.cancelOrder);
}

/** A random idempotency key for one purchase attempt. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
