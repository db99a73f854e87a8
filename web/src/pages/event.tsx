import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { request, subscribe } from '../api/graphql';
import { MONEY, type Money } from '../api/types';
import { session } from '../auth/session';
import { newIdempotencyKey, reserve } from '../buyer/purchase';
import { formatDateTime, formatMoney, formatNumber, t } from '../i18n';
import { navigate } from '../router';
import { describeError } from '../ui/errors';
import { ErrorBox, Loading, Page } from '../ui/components';
import { useAsync, useOnReconnect } from '../ui/hooks';

interface TicketType {
  id: string;
  name: string;
  description: string | null;
  price: Money;
  remaining: number;
  isOnSale: boolean;
  isSoldOut: boolean;
  minPerOrder: number;
  maxPerOrder: number;
  salesStartAt: string | null;
  salesEndAt: string | null;
}

interface EventDetail {
  id: string;
  slug: string;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  currency: string;
  status: string;
  isOnSale: boolean;
  maxTicketsPerBuyer: number | null;
  venue: { name: string; address: string; city: string } | null;
  organization: { name: string };
  refundPolicy: { refundable: boolean; deadlineHoursBeforeStart: number };
  ticketTypes: TicketType[];
}

const EVENT = `query Event($slug: String!) {
  event(slug: $slug) {
    id slug title description startsAt endsAt timeZone currency status isOnSale maxTicketsPerBuyer
    venue { name address city }
    organization { name }
    refundPolicy { refundable deadlineHoursBeforeStart }
    ticketTypes {
      id name description price { ${MONEY} } remaining isOnSale isSoldOut minPerOrder maxPerOrder salesStartAt salesEndAt
    }
  }
}`;

const INVENTORY = `subscription Inventory($eventId: ID!) {
  inventoryChanged(eventId: $eventId) { at ticketTypes { ticketTypeId remaining } }
}`;

interface InventoryMessage {
  inventoryChanged: { at: string; ticketTypes: Array<{ ticketTypeId: string; remaining: number }> };
}

type Quantities = Record<string, number>;

/** The cart survives the detour through the login page (same tab only). */
const cartKey = (slug: string) => `tickr.cart.${slug}`;
function loadCart(slug: string): Quantities {
  try {
    const raw = sessionStorage.getItem(cartKey(slug));
    return raw ? (JSON.parse(raw) as Quantities) : {};
  } catch {
    return {};
  }
}
function saveCart(slug: string, quantities: Quantities | null): void {
  try {
    if (quantities) sessionStorage.setItem(cartKey(slug), JSON.stringify(quantities));
    else sessionStorage.removeItem(cartKey(slug));
  } catch {
    // ignore
  }
}

/** Remaining tickets per type: the first read, then every inventoryChanged message (subscribed after the read). */
function useLiveRemaining(event: EventDetail | undefined): Record<string, number> {
  const [remaining, setRemaining] = useState<Record<string, number>>({});
  useEffect(() => {
    if (!event) return;
    setRemaining(Object.fromEntries(event.ticketTypes.map((tt) => [tt.id, tt.remaining])));
    return subscribe<InventoryMessage>(INVENTORY, { eventId: event.id }, (data) => {
      setRemaining((current) => {
        const next = { ...current };
        for (const tt of data.inventoryChanged.ticketTypes) next[tt.ticketTypeId] = tt.remaining;
        return next;
      });
    });
  }, [event]);
  // Counts published while the live connection was down are not replayed: read them again when it returns.
  useOnReconnect(!!event, () => {
    if (!event) return;
    request<{ event: EventDetail | null }>(EVENT, { slug: event.slug })
      .then((d) => {
        if (d.event?.id !== event.id) return;
        setRemaining((current) => ({ ...current, ...Object.fromEntries(d.event!.ticketTypes.map((tt) => [tt.id, tt.remaining])) }));
      })
      .catch(() => {
        // Still unreachable: the next reconnection tries again.
      });
  });
  return remaining;
}

function salesWindowNote(tt: TicketType, timeZone: string): string | null {
  const now = Date.now();
  if (tt.salesStartAt && Date.parse(tt.salesStartAt) > now) return t('event.salesOpen', { at: formatDateTime(tt.salesStartAt, timeZone) });
  if (tt.salesEndAt && Date.parse(tt.salesEndAt) <= now) return t('event.salesClosed');
  return null;
}

function TicketTypeRow(props: {
  tt: TicketType;
  remaining: number;
  quantity: number;
  timeZone: string;
  onQuantity: (value: number) => void;
}) {
  const { tt, remaining, quantity, timeZone, onQuantity } = props;
  const max = Math.max(0, Math.min(tt.maxPerOrder, remaining));
  const available = tt.isOnSale && remaining > 0;
  const note = !tt.isOnSale ? salesWindowNote(tt, timeZone) : null;
  const inputId = `qty-${tt.id}`;
  return (
    <li class="ticket-type card" data-testid="ticket-type" data-ticket-type-id={tt.id}>
      <div class="ticket-type-info">
        <label class="ticket-type-name" for={inputId}>
          <bdi>{tt.name}</bdi>
        </label>
        {tt.description && (
          <p class="muted small" dir="auto">
            {tt.description}
          </p>
        )}
        <span class="price">{tt.price.minorUnits === 0 ? t('events.free') : formatMoney(tt.price)}</span>
        <span
          class={remaining === 0 ? 'remaining badge badge-bad' : remaining <= 10 ? 'remaining badge badge-warn' : 'remaining muted small'}
          data-testid="ticket-remaining"
          data-value={remaining}
          aria-live="polite"
        >
          {remaining === 0 ? t('event.soldOut') : t('event.remaining', { count: formatNumber(remaining) })}
        </span>
        {note && <span class="muted small">{note}</span>}
      </div>
      <div class="ticket-type-qty">
        <input
          id={inputId}
          data-testid="ticket-qty"
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          step={1}
          value={quantity}
          disabled={!available}
          aria-describedby={`${inputId}-limits`}
          onInput={(e) => {
            const n = Number.parseInt(e.currentTarget.value, 10);
            onQuantity(Number.isFinite(n) ? Math.max(0, Math.min(n, max)) : 0);
          }}
        />
        <span id={`${inputId}-limits`} class="visually-hidden">
          {t('event.qtyLimits', { min: tt.minPerOrder, max })}
        </span>
      </div>
    </li>
  );
}

function BuyPanel({ event, remaining }: { event: EventDetail; remaining: Record<string, number> }) {
  const [quantities, setQuantities] = useState<Quantities>(() => loadCart(event.slug));
  const [promo, setPromo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const attemptKey = useRef<string | null>(null);
  const names = useMemo(() => Object.fromEntries(event.ticketTypes.map((tt) => [tt.id, tt.name])), [event]);

  const items = event.ticketTypes
    .map((tt) => ({ ticketTypeId: tt.id, quantity: quantities[tt.id] ?? 0 }))
    .filter((i) => i.quantity > 0);
  const count = items.reduce((sum, i) => sum + i.quantity, 0);
  const total = event.ticketTypes.reduce((sum, tt) => sum + (quantities[tt.id] ?? 0) * tt.price.minorUnits, 0);
  const digits = event.ticketTypes[0]?.price.minorUnitDigits ?? 3;
  const belowMin = event.ticketTypes.find((tt) => (quantities[tt.id] ?? 0) > 0 && (quantities[tt.id] ?? 0) < tt.minPerOrder);
  const overBuyer = event.maxTicketsPerBuyer != null && count > event.maxTicketsPerBuyer;

  const setQuantity = (id: string, value: number) => {
    attemptKey.current = null; // a different purchase: a new idempotency key
    setError(null);
    setQuantities((q) => ({ ...q, [id]: value }));
  };

  const buy = async () => {
    if (!session.value) {
      saveCart(event.slug, quantities);
      navigate(`login?next=${encodeURIComponent(`events/${event.slug}`)}`);
      return;
    }
    setBusy(true);
    setError(null);
    attemptKey.current ??= newIdempotencyKey();
    try {
      const order = await reserve(event.id, items, attemptKey.current, promo.trim());
      saveCart(event.slug, null);
      navigate(`orders/${encodeURIComponent(order.id)}?pay=1`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <section class="stack" aria-labelledby="tickets-heading">
      <h2 id="tickets-heading">{t('event.tickets')}</h2>
      <ul class="ticket-types">
        {event.ticketTypes.map((tt) => (
          <TicketTypeRow
            key={tt.id}
            tt={tt}
            remaining={remaining[tt.id] ?? tt.remaining}
            quantity={quantities[tt.id] ?? 0}
            timeZone={event.timeZone}
            onQuantity={(v) => setQuantity(tt.id, v)}
          />
        ))}
      </ul>
      <label class="field promo">
        <span>{t('event.promo')}</span>
        <input
          value={promo}
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={40}
          onInput={(e) => {
            attemptKey.current = null;
            setError(null);
            setPromo(e.currentTarget.value);
          }}
        />
        <small class="muted">{t('event.promoHelp')}</small>
      </label>
      {event.maxTicketsPerBuyer != null && <p class="muted small">{t('event.maxPerBuyer', { max: event.maxTicketsPerBuyer })}</p>}
      {belowMin && <p class="alert alert-warn">{t('event.belowMin', { type: belowMin.name, min: belowMin.minPerOrder })}</p>}
      {overBuyer && <p class="alert alert-warn">{t('event.maxPerBuyer', { max: event.maxTicketsPerBuyer ?? 0 })}</p>}
      {error != null && (
        <p class="alert alert-error" role="alert" data-testid="buy-error">
          {describeError(error, names)}
        </p>
      )}
      <div class="buy-bar card">
        <div>
          <span class="muted small">{t('event.total', { count })}</span>
          <strong class="total">{formatMoney({ minorUnits: total, currency: event.currency, minorUnitDigits: digits })}</strong>
        </div>
        <button
          type="button"
          class="btn"
          data-testid="buy-button"
          disabled={busy || count === 0 || !!belowMin || overBuyer || !event.isOnSale}
          onClick={buy}
        >
          {busy ? t('event.reserving') : session.value ? t('event.buy') : t('event.loginToBuy')}
        </button>
      </div>
    </section>
  );
}

export function EventPage({ slug }: { slug: string }) {
  const page = useAsync(() => request<{ event: EventDetail | null }>(EVENT, { slug }).then((d) => d.event), [slug]);
  const event = page.state === 'ready' ? page.data ?? undefined : undefined;
  const remaining = useLiveRemaining(event);

  if (page.state === 'loading') return <Page><Loading /></Page>;
  if (page.state === 'failed') return <Page><ErrorBox error={page.error} onRetry={page.reload} /></Page>;
  if (!event) return <Page><p>{t('event.notFound')}</p></Page>;

  return (
    <Page>
      <article class="stack">
        <header class="event-header">
          <p class="event-date">{formatDateTime(event.startsAt, event.timeZone)}</p>
          <h1>
            <bdi>{event.title}</bdi>
          </h1>
          <p class="muted">
            {event.venue && <bdi>{`${event.venue.name}, ${event.venue.address}, ${event.venue.city}`}</bdi>}
            {event.venue ? ' · ' : ''}
            {t('event.by', { organization: event.organization.name })}
          </p>
          {!event.isOnSale && <p class="alert alert-warn">{t(`event.status.${event.status}`)}</p>}
        </header>
        {event.description && (
          <div class="description">
            {event.description.split(/\n\s*\n/).map((paragraph, i) => (
              <p key={i} dir="auto">
                {paragraph}
              </p>
            ))}
          </div>
        )}
        <BuyPanel event={event} remaining={remaining} />
        <p class="muted small">
          {event.refundPolicy.refundable
            ? t('event.refundable', { hours: event.refundPolicy.deadlineHoursBeforeStart })
            : t('event.notRefundable')}
        </p>
      </article>
    </Page>
  );
}
