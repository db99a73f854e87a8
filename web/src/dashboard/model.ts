// The live dashboard's state and how each message changes it: pure functions, no I/O. The page reads `stats` once,
// then applies inventoryChanged, salesChanged and checkInsChanged messages (schema additions of issue 9).
import { MONEY, type Money } from '../api/types';

export interface MinuteSales {
  minute: string;
  orders: number;
  tickets: number;
  gross: Money;
}

export interface GateCheckIns {
  gate: string | null;
  checkedIn: number;
  lastFiveMinutes: number;
  perMinute: number;
  lastAdmissionAt: string | null;
}

export interface TypeStats {
  ticketTypeId: string;
  name: string;
  capacity: number;
  sold: number;
  held: number;
  remaining: number;
}

export interface ListCount {
  listId: string;
  name: string;
  checkedIn: number;
  total: number;
}

export interface EventStats {
  at: string;
  capacity: number;
  sold: number;
  held: number;
  remaining: number;
  gross: Money;
  commission: Money;
  net: Money;
  refunded: Money;
  byTicketType: TypeStats[];
  checkIns: ListCount[];
  ordersPerMinute: MinuteSales[];
  checkInsByGate: GateCheckIns[];
}

export const STATS_SELECTION = `stats {
  at capacity sold held remaining
  gross { ${MONEY} } commission { ${MONEY} } net { ${MONEY} } refunded { ${MONEY} }
  byTicketType { ticketTypeId name capacity sold held remaining }
  checkIns { listId name checkedIn total }
  ordersPerMinute(minutes: 60) { minute orders tickets gross { ${MONEY} } }
  checkInsByGate { gate checkedIn lastFiveMinutes perMinute lastAdmissionAt }
}`;

export interface InventoryUpdate {
  at: string;
  ticketTypes: Array<{ ticketTypeId: string; remaining: number; sold: number; held: number }>;
}

export interface SalesUpdate {
  at: string;
  ticketsSold: number;
  gross: Money;
  commission: Money;
  net: Money;
  refunded: Money;
  ordersPaid: number;
  ordersLastHour: MinuteSales[];
}

export interface CheckInsUpdate {
  at: string;
  checkedIn: number;
  lists: ListCount[];
  byGate: GateCheckIns[];
}

export const INVENTORY_SUBSCRIPTION = `subscription DashboardInventory($eventId: ID!) {
  inventoryChanged(eventId: $eventId) { at ticketTypes { ticketTypeId remaining sold held } }
}`;

export const SALES_SUBSCRIPTION = `subscription DashboardSales($eventId: ID!) {
  salesChanged(eventId: $eventId) {
    at ticketsSold ordersPaid
    gross { ${MONEY} } commission { ${MONEY} } net { ${MONEY} } refunded { ${MONEY} }
    ordersLastHour { minute orders tickets gross { ${MONEY} } }
  }
}`;

export const CHECKINS_SUBSCRIPTION = `subscription DashboardCheckIns($eventId: ID!) {
  checkInsChanged(eventId: $eventId) {
    at checkedIn
    lists { listId name checkedIn total }
    byGate { gate checkedIn lastFiveMinutes perMinute lastAdmissionAt }
  }
}`;

/** What the tiles, bars, chart and gate table show. */
export interface LiveState {
  sold: number;
  held: number;
  remaining: number;
  capacity: number;
  gross: Money;
  commission: Money;
  net: Money;
  refunded: Money;
  checkedIn: number;
  types: TypeStats[];
  lists: ListCount[];
  gates: GateCheckIns[];
  /** Orders per minute, keyed by the minute's epoch milliseconds. */
  minutes: Map<number, number>;
}

function minuteKey(iso: string): number {
  const ms = Date.parse(iso);
  return ms - (ms % 60_000);
}

function toMinutes(series: MinuteSales[]): Map<number, number> {
  return new Map(series.map((m) => [minuteKey(m.minute), m.orders]));
}

export function fromStats(stats: EventStats): LiveState {
  return {
    sold: stats.sold,
    held: stats.held,
    remaining: stats.remaining,
    capacity: stats.capacity,
    gross: stats.gross,
    commission: stats.commission,
    net: stats.net,
    refunded: stats.refunded,
    checkedIn: stats.checkIns.reduce((sum, l) => sum + l.checkedIn, 0),
    types: stats.byTicketType,
    lists: stats.checkIns,
    gates: stats.checkInsByGate,
    minutes: toMinutes(stats.ordersPerMinute),
  };
}

/**
 * Inventory: per-type counts are replaced. The event's remaining follows the change in sold + held (the server's
 * total applies shared quotas, which a sum of per-type remainders would count twice).
 */
export function applyInventory(state: LiveState, update: InventoryUpdate): LiveState {
  const byId = new Map(update.ticketTypes.map((tt) => [tt.ticketTypeId, tt]));
  const types = state.types.map((tt) => {
    const next = byId.get(tt.ticketTypeId);
    return next ? { ...tt, sold: next.sold, held: next.held, remaining: next.remaining } : tt;
  });
  const sold = types.reduce((sum, tt) => sum + tt.sold, 0);
  const held = types.reduce((sum, tt) => sum + tt.held, 0);
  const taken = sold + held - (state.sold + state.held);
  const typeRemaining = types.reduce((sum, tt) => sum + tt.remaining, 0);
  const remaining = Math.max(0, Math.min(typeRemaining, state.remaining - taken));
  return { ...state, types, sold, held, remaining };
}

/** Sales: money totals and the last hour's orders per minute are replaced. */
export function applySales(state: LiveState, update: SalesUpdate): LiveState {
  const minutes = new Map(state.minutes);
  for (const [key, orders] of toMinutes(update.ordersLastHour)) minutes.set(key, orders);
  const horizon = Date.parse(update.at) - 2 * 3_600_000;
  for (const key of minutes.keys()) if (key < horizon) minutes.delete(key);
  return {
    ...state,
    gross: update.gross,
    commission: update.commission,
    net: update.net,
    refunded: update.refunded,
    minutes,
  };
}

export function applyCheckIns(state: LiveState, update: CheckInsUpdate): LiveState {
  return { ...state, checkedIn: update.checkedIn, lists: update.lists, gates: update.byGate };
}

/** The 60 minutes ending with the current one: x in epoch seconds, y in orders (0 where nothing was paid). */
export function lastHourSeries(minutes: Map<number, number>, now: number): [number[], number[]] {
  const end = now - (now % 60_000);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 59; i >= 0; i--) {
    const key = end - i * 60_000;
    xs.push(key / 1000);
    ys.push(minutes.get(key) ?? 0);
  }
  return [xs, ys];
}
