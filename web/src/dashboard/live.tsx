import { useEffect, useMemo, useState } from 'preact/hooks';
import { liveState, request, subscribe, type SubscriptionError } from '../api/graphql';
import type { Money, OrganizationRole } from '../api/types';
import { requireLogin } from '../auth/session';
import { formatDateTime, formatMoney, formatNumber, formatTime, t } from '../i18n';
import { href } from '../router';
import { ErrorBox, Loading, Page } from '../ui/components';
import { useAsync, useNow, useOnReconnect } from '../ui/hooks';
import { Attendees } from './attendees';
import { OrdersChart } from './chart';
import {
  CHECKINS_SUBSCRIPTION,
  INVENTORY_SUBSCRIPTION,
  SALES_SUBSCRIPTION,
  STATS_SELECTION,
  applyCheckIns,
  applyInventory,
  applySales,
  fromStats,
  lastHourSeries,
  type CheckInsUpdate,
  type EventStats,
  type GateCheckIns,
  type InventoryUpdate,
  type LiveState,
  type SalesUpdate,
  type TypeStats,
} from './model';

interface DashboardEventData {
  id: string;
  slug: string;
  title: string;
  startsAt: string;
  timeZone: string;
  status: string;
  organization: { name: string; viewerRole: OrganizationRole | null };
  stats: EventStats | null;
}

const DASHBOARD = `query DashboardEvent($id: ID!) {
  node(id: $id) {
    ... on Event {
      id slug title startsAt timeZone status
      organization { name viewerRole }
      ${STATS_SELECTION}
    }
  }
}`;

type Status = 'connecting' | 'live' | 'offline';

function LiveStatus({ state }: { state: Status }) {
  return (
    <span class={`live-status live-${state}`} data-testid="live-status" data-state={state} role="status" aria-live="polite">
      <span class="live-dot" aria-hidden="true" />
      {t(`dash.live.${state}`)}
    </span>
  );
}

function Tile({ testId, label, value, text, sub }: { testId: string; label: string; value: number; text: string; sub?: string }) {
  return (
    <div class="tile card" data-testid={testId} data-value={value}>
      <span class="tile-label">{label}</span>
      <strong class="tile-value num">{text}</strong>
      {sub && <span class="tile-sub muted small">{sub}</span>}
    </div>
  );
}

const moneyTile = (m: Money) => ({ value: m.minorUnits, text: formatMoney(m) });

function Tiles({ live }: { live: LiveState }) {
  const soldPct = live.capacity ? Math.round((live.sold / live.capacity) * 100) : 0;
  return (
    <div class="tiles">
      <Tile testId="tile-sold" label={t('dash.sold')} value={live.sold} text={formatNumber(live.sold)} sub={t('dash.ofCapacity', { pct: soldPct, capacity: formatNumber(live.capacity) })} />
      <Tile testId="tile-remaining" label={t('dash.remaining')} value={live.remaining} text={formatNumber(live.remaining)} sub={live.held ? t('dash.held', { count: formatNumber(live.held) }) : undefined} />
      <Tile testId="tile-gross" label={t('dash.gross')} {...moneyTile(live.gross)} sub={live.refunded.minorUnits ? t('dash.refundedAmount', { amount: formatMoney(live.refunded) }) : undefined} />
      <Tile testId="tile-commission" label={t('dash.commission')} {...moneyTile(live.commission)} />
      <Tile testId="tile-net" label={t('dash.net')} {...moneyTile(live.net)} />
      <Tile testId="tile-checkins" label={t('dash.checkins')} value={live.checkedIn} text={formatNumber(live.checkedIn)} />
    </div>
  );
}

function TypeBars({ types }: { types: TypeStats[] }) {
  return (
    <section class="card stack" aria-labelledby="types-heading">
      <h2 id="types-heading">{t('dash.byType')}</h2>
      <ul class="bars">
        {types.map((tt) => (
          <li key={tt.ticketTypeId} class="bar-row" data-testid="type-bar" data-ticket-type-id={tt.ticketTypeId} data-sold={tt.sold} data-remaining={tt.remaining}>
            <div class="spread">
              <span>{tt.name}</span>
              <span class="num small">
                {t('dash.soldOf', { sold: formatNumber(tt.sold), capacity: formatNumber(tt.capacity) })}
              </span>
            </div>
            <progress max={Math.max(1, tt.capacity)} value={tt.sold} aria-label={tt.name} />
            <span class="muted small">
              {t('dash.remainingCount', { count: formatNumber(tt.remaining) })}
              {tt.held ? ` · ${t('dash.held', { count: formatNumber(tt.held) })}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Gates({ gates, timeZone }: { gates: GateCheckIns[]; timeZone: string }) {
  const max = Math.max(1, ...gates.map((g) => g.checkedIn));
  return (
    <section class="card stack" aria-labelledby="gates-heading">
      <h2 id="gates-heading">{t('dash.gates')}</h2>
      {gates.length === 0 && <p class="muted">{t('dash.noGates')}</p>}
      <ul class="bars">
        {gates.map((g) => (
          <li key={g.gate ?? ''} class="bar-row" data-testid="gate-row" data-gate={g.gate ?? ''} data-checked-in={g.checkedIn} data-per-minute={g.perMinute}>
            <div class="spread">
              <strong>{g.gate ?? t('dash.noGate')}</strong>
              <span class="num">{formatNumber(g.checkedIn)}</span>
            </div>
            <progress max={max} value={g.checkedIn} aria-label={g.gate ?? t('dash.noGate')} />
            <span class="muted small">
              {t('dash.gateRate', { rate: formatNumber(g.perMinute, { maximumFractionDigits: 1 }), last5: formatNumber(g.lastFiveMinutes) })}
              {g.lastAdmissionAt ? ` · ${t('dash.lastAdmission', { at: formatTime(g.lastAdmissionAt, timeZone) })}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One read of the event's stats, then live updates from three subscriptions (started after the read, as the
 * schema asks). No polling: the chart's window slides with the clock, the counts come from the messages.
 */
function useLiveStats(event: DashboardEventData | null | undefined) {
  const [live, setLive] = useState<LiveState | null>(null);
  const [subscribed, setSubscribed] = useState(false);
  const [error, setError] = useState<SubscriptionError | null>(null);
  useEffect(() => {
    const stats = event?.stats;
    if (!event || !stats) return;
    setLive(fromStats(stats));
    setError(null);
    const variables = { eventId: event.id };
    const update = (apply: (state: LiveState) => LiveState) => setLive((s) => (s ? apply(s) : s));
    const stops = [
      subscribe<{ inventoryChanged: InventoryUpdate }>(INVENTORY_SUBSCRIPTION, variables, (d) => update((s) => applyInventory(s, d.inventoryChanged)), setError),
      subscribe<{ salesChanged: SalesUpdate }>(SALES_SUBSCRIPTION, variables, (d) => update((s) => applySales(s, d.salesChanged)), setError),
      subscribe<{ checkInsChanged: CheckInsUpdate }>(CHECKINS_SUBSCRIPTION, variables, (d) => update((s) => applyCheckIns(s, d.checkInsChanged)), setError),
    ];
    setSubscribed(true);
    return () => {
      for (const stop of stops) stop();
      setSubscribed(false);
    };
  }, [event]);
  // Messages sent while the socket was down are lost (these subscriptions have no first value to catch up with):
  // when the connection comes back, read the figures once more.
  const eventId = event?.id;
  useOnReconnect(subscribed && !!eventId, () => {
    request<{ node: DashboardEventData | null }>(DASHBOARD, { id: eventId })
      .then((d) => {
        const node = d.node;
        if (node && node.id === eventId && node.stats) setLive(fromStats(node.stats));
      })
      .catch(() => {
        // Still unreachable: the next reconnection tries again.
      });
  });
  const status: Status = !subscribed ? 'connecting' : error ? 'offline' : liveState.value;
  return { live, status, error };
}

export function DashboardEvent({ eventId }: { eventId: string }) {
  const loggedIn = requireLogin();
  const page = useAsync(
    () => (loggedIn ? request<{ node: DashboardEventData | null }>(DASHBOARD, { id: eventId }).then((d) => d.node) : Promise.resolve(null)),
    [eventId, loggedIn],
  );
  const event = page.state === 'ready' ? page.data : undefined;
  const { live, status, error } = useLiveStats(event);
  const now = useNow(15_000);
  const minutes = live?.minutes;
  const series = useMemo(() => lastHourSeries(minutes ?? new Map(), now), [minutes, now]);

  if (!loggedIn) return null;
  if (page.state === 'loading') return <Page wide><Loading /></Page>;
  if (page.state === 'failed') return <Page wide><ErrorBox error={page.error} onRetry={page.reload} /></Page>;
  if (!event) return <Page wide><p>{t('dash.eventNotFound')}</p></Page>;
  if (!event.stats || !live) {
    return (
      <Page wide title={event.title}>
        <p class="alert alert-warn">{t('dash.noAccess')}</p>
      </Page>
    );
  }

  const role = event.organization.viewerRole;
  const canRefund = role === 'MANAGER' || role === 'OWNER';
  return (
    <Page wide>
      <div class="dash-head">
        <div>
          <a class="small back-link" href={href('dashboard')}>
            {t('dash.allEvents')}
          </a>
          <h1>
            <bdi>{event.title}</bdi>
          </h1>
          <p class="muted">
            {event.organization.name} · {formatDateTime(event.startsAt, event.timeZone)}
          </p>
        </div>
        <LiveStatus state={status} />
      </div>
      {error && <ErrorBox error={error} />}
      <Tiles live={live} />
      <div class="dash-grid">
        <section class="card stack chart-card" aria-labelledby="chart-heading">
          <h2 id="chart-heading">{t('dash.ordersPerMinute')}</h2>
          <OrdersChart data={series} label={t('dash.ordersPerMinute')} timeZone={event.timeZone} />
        </section>
        <TypeBars types={live.types} />
        <Gates gates={live.gates} timeZone={event.timeZone} />
      </div>
      {role !== 'SCANNER' && <Attendees eventId={event.id} eventSlug={event.slug} canRefund={canRefund} />}
    </Page>
  );
}
