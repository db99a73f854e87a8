import { useEffect, useRef, useState } from 'preact/hooks';
import { request, subscribe } from '../api/graphql';
import { MONEY, type Money, type OrderStatus } from '../api/types';
import { requireLogin } from '../auth/session';
import { cancelOrder, checkout, paymentOptions, pickProvider } from '../buyer/purchase';
import { mountStripePayment, type StripeForm } from '../buyer/stripe';
import { formatDateTime, formatMoney, locale, t } from '../i18n';
import { href, query, replaceQuery } from '../router';
import { describeError } from '../ui/errors';
import { ErrorBox, Loading, Page } from '../ui/components';
import { useAsync, useNow } from '../ui/hooks';

interface OrderDetail {
  id: string;
  number: string;
  status: OrderStatus;
  ticketCount: number;
  subtotal: Money;
  discount: Money;
  total: Money;
  refunded: Money;
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  lines: Array<{ ticketTypeName: string; quantity: number; unitPrice: Money; total: Money }>;
  event: { title: string; slug: string; startsAt: string; timeZone: string } | null;
}

const ORDER = `query Order($id: ID!) {
  node(id: $id) {
    ... on Order {
      id number status ticketCount createdAt expiresAt paidAt
      subtotal { ${MONEY} } discount { ${MONEY} } total { ${MONEY} } refunded { ${MONEY} }
      lines { ticketTypeName quantity unitPrice { ${MONEY} } total { ${MONEY} } }
      event { title slug startsAt timeZone }
    }
  }
}`;

const STATUS = `subscription OrderStatus($orderId: ID!) {
  orderStatusChanged(orderId: $orderId) { orderId status at }
}`;

const STATUS_BADGE: Record<OrderStatus, string> = {
  RESERVED: 'badge badge-warn',
  PAID: 'badge badge-ok',
  CANCELLED: 'badge badge-bad',
  EXPIRED: 'badge badge-bad',
  REFUNDED: 'badge',
};

function Countdown({ until }: { until: string }) {
  const now = useNow(1000);
  const left = Math.max(0, Math.floor((Date.parse(until) - now) / 1000));
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return <span class="num">{t('order.heldFor', { time: text })}</span>;
}

/** Pays a RESERVED order with the provider paymentOptions offers (DEVELOPMENT first). */
function PaymentPanel({ order, onSettled }: { order: OrderDetail; onSettled: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [stripe, setStripe] = useState<StripeForm | null>(null);
  // Stripe accepted the card: the order turns PAID when Stripe's webhook reaches the server. Confirming again would
  // only earn Stripe's "unexpected state" error, and cancelling would throw away a payment already taken.
  const [confirmed, setConfirmed] = useState(false);
  const stripeTarget = useRef<HTMLDivElement>(null);
  const autoStarted = useRef(false);

  useEffect(() => () => stripe?.destroy(), [stripe]);

  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const options = await paymentOptions();
      const provider = pickProvider(options);
      if (!provider) throw new Error(t('order.noProvider'));
      const result = await checkout(order.id, provider);
      const payment = result.payment;
      if (result.status === 'PAID' || payment?.state === 'SUCCEEDED') {
        onSettled();
      } else if (payment?.provider === 'STRIPE' && payment.clientSecret && options.stripePublishableKey && stripeTarget.current) {
        const returnUrl = new URL(href(`orders/${encodeURIComponent(order.id)}`), window.location.origin).toString();
        setStripe(await mountStripePayment(options.stripePublishableKey, payment.clientSecret, stripeTarget.current, returnUrl, locale.value));
      } else if (payment?.redirectUrl && /^https:\/\//.test(payment.redirectUrl)) {
        window.location.assign(payment.redirectUrl);
        return;
      } else if (payment?.state === 'FAILED') {
        throw new Error(t('order.paymentFailed'));
      }
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  const confirmStripe = async () => {
    if (!stripe) return;
    setBusy(true);
    setError(null);
    try {
      await stripe.confirm();
      // PAID arrives through orderStatusChanged once Stripe's webhook reached the server.
      setConfirmed(true);
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  // Coming from the event page (?pay=1): start paying at once, once.
  useEffect(() => {
    if (query.value.get('pay') === '1' && !autoStarted.current) {
      autoStarted.current = true;
      replaceQuery({});
      void pay();
    }
  }, []);

  const cancel = async () => {
    setBusy(true);
    try {
      await cancelOrder(order.id);
      onSettled();
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  return (
    <section class="card stack">
      <p>
        <Countdown until={order.expiresAt} />
      </p>
      {error != null && (
        <p class="alert alert-error" role="alert">
          {describeError(error)}
        </p>
      )}
      <div ref={stripeTarget} class="stripe-element" />
      {confirmed && (
        <p class="alert alert-ok" role="status" data-testid="payment-pending">
          {t('order.paymentConfirming')}
        </p>
      )}
      {!confirmed && (
        <div class="actions">
          {stripe ? (
            <button type="button" class="btn" data-testid="stripe-confirm" onClick={confirmStripe} disabled={busy}>
              {t('order.confirmPayment')}
            </button>
          ) : (
            <button type="button" class="btn" data-testid="pay-button" onClick={pay} disabled={busy}>
              {busy ? t('order.paying') : t('order.pay', { total: formatMoney(order.total) })}
            </button>
          )}
          <button type="button" class="btn btn-ghost" onClick={cancel} disabled={busy}>
            {t('order.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}

function OrderLines({ order }: { order: OrderDetail }) {
  return (
    <table class="lines">
      <tbody>
        {order.lines.map((line, i) => (
          <tr key={i}>
            <td>
              {line.quantity} × {line.ticketTypeName}
            </td>
            {/* List price here; the promo discount has its own row, so the rows add up to the total. */}
            <td class="end num">{formatMoney({ ...line.unitPrice, minorUnits: line.unitPrice.minorUnits * line.quantity })}</td>
          </tr>
        ))}
        {order.discount.minorUnits > 0 && (
          <tr>
            <td>{t('order.discount')}</td>
            <td class="end num">−{formatMoney(order.discount)}</td>
          </tr>
        )}
        <tr class="total-row">
          <th scope="row">{t('order.total')}</th>
          <td class="end num">{formatMoney(order.total)}</td>
        </tr>
        {order.refunded.minorUnits > 0 && (
          <tr>
            <td>{t('order.refunded')}</td>
            <td class="end num">{formatMoney(order.refunded)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function OrderPage({ orderId }: { orderId: string }) {
  const loggedIn = requireLogin();
  const page = useAsync(
    () => (loggedIn ? request<{ node: OrderDetail | null }>(ORDER, { id: orderId }).then((d) => d.node) : Promise.resolve(null)),
    [orderId, loggedIn],
  );
  const loaded = page.state === 'ready';
  const { reload, setData } = page;

  // Follow the status after the first read; a change refetches the order (totals, refunds).
  useEffect(() => {
    if (!loaded) return;
    return subscribe<{ orderStatusChanged: { status: string } }>(STATUS, { orderId }, (data) => {
      const status = data.orderStatusChanged.status as OrderStatus;
      setData((order) => (order ? { ...order, status } : order));
      reload();
    });
  }, [loaded, orderId]);

  if (!loggedIn) return null;
  if (page.state === 'loading') return <Page><Loading /></Page>;
  if (page.state === 'failed') return <Page><ErrorBox error={page.error} onRetry={page.reload} /></Page>;
  const order = page.data;
  if (!order) return <Page><p>{t('order.notFound')}</p></Page>;

  return (
    <Page title={t('order.title', { number: order.number })}>
      <div class="stack">
        {order.event && (
          <p>
            <a href={href(`events/${encodeURIComponent(order.event.slug)}`)}>{order.event.title}</a>
            <span class="muted"> · {formatDateTime(order.event.startsAt, order.event.timeZone)}</span>
          </p>
        )}
        <p class="row">
          <span>{t('order.status')}</span>
          <span class={STATUS_BADGE[order.status]} data-testid="order-status" data-value={order.status} aria-live="polite">
            {t(`order.status.${order.status}`)}
          </span>
        </p>
        <OrderLines order={order} />
        {order.status === 'RESERVED' && <PaymentPanel order={order} onSettled={reload} />}
        {order.status === 'PAID' && (
          <div class="alert alert-ok">
            <span>{t('order.paid', { count: order.ticketCount })}</span>
            <a class="btn btn-small" data-testid="tickets-link" href={href('tickets')}>
              {t('nav.tickets')}
            </a>
          </div>
        )}
        <p class="muted small">{t('order.createdAt', { at: formatDateTime(order.createdAt) })}</p>
      </div>
    </Page>
  );
}
