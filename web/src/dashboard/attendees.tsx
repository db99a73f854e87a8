import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../api/graphql';
import { MONEY, ensureNoErrors, payloadErrors, type Connection, type Money, type OrderStatus, type PayloadError } from '../api/types';
import { formatDateTime, formatMoney, t } from '../i18n';
import { describeError } from '../ui/errors';
import { ErrorBox, Loading } from '../ui/components';
import { useAsync, useDebounced } from '../ui/hooks';
import { downloadText, toCsv } from './csv';

export interface Attendee {
  id: string;
  status: 'VALID' | 'REVOKED';
  holderEmail: string;
  issuedAt: string;
  checkedInAt: string | null;
  ticketType: { name: string } | null;
  order: { id: string; number: string; status: OrderStatus; buyerEmail: string; total: Money; refunded: Money } | null;
}

const ATTENDEES = `query Attendees($id: ID!, $search: String, $first: Int, $after: String) {
  node(id: $id) {
    ... on Event {
      attendees(search: $search, first: $first, after: $after) {
        nodes {
          id status holderEmail issuedAt checkedInAt
          ticketType { name }
          order { id number status buyerEmail total { ${MONEY} } refunded { ${MONEY} } }
        }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
}`;

const PAGE_SIZE = 50;

async function loadAttendees(eventId: string, search: string, after: string | null, first = PAGE_SIZE): Promise<Connection<Attendee>> {
  const data = await request<{ node: { attendees: Connection<Attendee> | null } | null }>(ATTENDEES, {
    id: eventId,
    search: search || null,
    first,
    after,
  });
  const attendees = data.node?.attendees;
  if (!attendees) throw new Error(t('dash.noAccess'));
  return attendees;
}

const REFUND = `mutation Refund($input: RefundOrderInput!) {
  refundOrder(input: $input) { order { id status refunded { ${MONEY} } } ${payloadErrors()} }
}`;

async function refund(orderId: string, ticketId: string | null, reason: string): Promise<void> {
  const input = { orderId, ticketIds: ticketId ? [ticketId] : null, reason: reason.trim() || null };
  const data = await request<{ refundOrder: { errors: PayloadError[] } }>(REFUND, { input });
  ensureNoErrors(data.refundOrder);
}

/** Every attendee matching search, page after page (100 at a time), then a CSV download. */
async function exportCsv(eventId: string, eventSlug: string, search: string): Promise<number> {
  const rows: Attendee[] = [];
  let after: string | null = null;
  do {
    const page: Connection<Attendee> = await loadAttendees(eventId, search, after, 100);
    rows.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  const header = ['order', 'order_status', 'buyer_email', 'holder_email', 'ticket_type', 'ticket_status', 'issued_at', 'checked_in_at', 'ticket_id', 'order_id'];
  const csv = toCsv(
    header,
    rows.map((a) => [
      a.order?.number,
      a.order?.status,
      a.order?.buyerEmail,
      a.holderEmail,
      a.ticketType?.name,
      a.status,
      a.issuedAt,
      a.checkedInAt,
      a.id,
      a.order?.id,
    ]),
  );
  const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
  downloadText(`${eventSlug}-attendees-${stamp}.csv`, csv);
  return rows.length;
}

interface RefundTarget {
  attendee: Attendee;
}

function RefundDialog({ target, onClose, onDone }: { target: RefundTarget | null; onClose: () => void; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [scope, setScope] = useState<'order' | 'ticket'>('order');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (target && !d.open) {
      setScope('order');
      setReason('');
      setError(null);
      d.showModal();
    } else if (!target && d.open) d.close();
  }, [target]);

  const order = target?.attendee.order;
  const confirm = async () => {
    if (!target || !order) return;
    setBusy(true);
    setError(null);
    try {
      await refund(order.id, scope === 'ticket' ? target.attendee.id : null, reason);
      onDone();
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  return (
    <dialog ref={dialog} class="refund-dialog" aria-labelledby="refund-title" onClose={onClose} onCancel={onClose}>
      {order && target && (
        <form method="dialog" class="stack" onSubmit={(e) => { e.preventDefault(); void confirm(); }}>
          <h2 id="refund-title">{t('dash.refundTitle', { number: order.number })}</h2>
          <p>{t('dash.refundText', { buyer: order.buyerEmail, total: formatMoney(order.total) })}</p>
          <fieldset class="choices">
            <label>
              <input type="radio" name="scope" checked={scope === 'order'} onChange={() => setScope('order')} /> {t('dash.refundWhole')}
            </label>
            <label>
              <input type="radio" name="scope" checked={scope === 'ticket'} onChange={() => setScope('ticket')} />{' '}
              {t('dash.refundTicket', { holder: target.attendee.holderEmail })}
            </label>
          </fieldset>
          <label class="field">
            <span>{t('dash.refundReason')}</span>
            <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          {error != null && (
            <p class="alert alert-error" role="alert">
              {describeError(error)}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="btn btn-danger" data-testid="refund-confirm" disabled={busy}>
              {busy ? t('dash.refunding') : t('dash.refundConfirm')}
            </button>
            <button type="button" class="btn btn-ghost" onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

function AttendeeRow({ attendee, canRefund, onRefund }: { attendee: Attendee; canRefund: boolean; onRefund: () => void }) {
  const order = attendee.order;
  return (
    <tr data-testid="attendee-row" data-order-id={order?.id ?? ''} data-ticket-id={attendee.id}>
      <td>
        <span class="cell-main">
          <bdi>{attendee.holderEmail}</bdi>
        </span>
        <span class="cell-sub muted">{attendee.ticketType?.name}</span>
      </td>
      <td>
        <span class="cell-main num">
          <bdi>{order?.number}</bdi>
        </span>
        <span class="cell-sub muted">
          <bdi>{order?.buyerEmail}</bdi>
        </span>
      </td>
      <td>
        {attendee.status === 'REVOKED' ? (
          <span class="badge badge-bad">{t('dash.revoked')}</span>
        ) : attendee.checkedInAt ? (
          <span class="badge badge-ok" title={formatDateTime(attendee.checkedInAt)}>
            {t('dash.checkedIn')}
          </span>
        ) : (
          <span class="badge">{t('dash.notCheckedIn')}</span>
        )}
      </td>
      <td class="end">
        {canRefund && order?.status === 'PAID' && attendee.status === 'VALID' && (
          <button type="button" class="btn btn-small btn-ghost" data-testid="refund-button" onClick={onRefund}>
            {t('dash.refund')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** Attendees of paid (and refunded) orders: debounced search, pages, refunds, CSV export. */
export function Attendees({ eventId, eventSlug, canRefund }: { eventId: string; eventSlug: string; canRefund: boolean }) {
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), 300);
  const [more, setMore] = useState<Attendee[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [target, setTarget] = useState<RefundTarget | null>(null);
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);

  const page = useAsync(async () => {
    const first = await loadAttendees(eventId, settled, null);
    setMore([]);
    setCursor(first.pageInfo.hasNextPage ? first.pageInfo.endCursor : null);
    return first;
  }, [eventId, settled]);

  const loadMore = async () => {
    if (!cursor) return;
    setMoreError(null);
    try {
      const next = await loadAttendees(eventId, settled, cursor);
      setMore((m) => [...m, ...next.nodes]);
      setCursor(next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null);
    } catch (e) {
      setMoreError(e);
    }
  };

  const runExport = async () => {
    setExporting(true);
    setExportError(null);
    setNotice(null);
    try {
      const count = await exportCsv(eventId, eventSlug, settled);
      setNotice(t('dash.exported', { count }));
    } catch (e) {
      setExportError(e);
    }
    setExporting(false);
  };

  const rows = page.state === 'ready' ? [...page.data.nodes, ...more] : [];
  return (
    <section class="card stack" aria-labelledby="attendees-heading">
      <div class="spread">
        <h2 id="attendees-heading">
          {t('dash.attendees')}
          {page.state === 'ready' && page.data.totalCount != null && <span class="muted small"> ({page.data.totalCount})</span>}
        </h2>
        <button type="button" class="btn btn-small btn-ghost" data-testid="export-csv" onClick={runExport} disabled={exporting}>
          {exporting ? t('dash.exporting') : t('dash.exportCsv')}
        </button>
      </div>
      <input
        type="search"
        data-testid="attendee-search"
        aria-label={t('dash.searchAttendees')}
        placeholder={t('dash.searchAttendees')}
        value={search}
        onInput={(e) => setSearch(e.currentTarget.value)}
      />
      {notice && <p class="alert alert-ok" role="status">{notice}</p>}
      {exportError != null && <ErrorBox error={exportError} />}
      {page.state === 'loading' && <Loading />}
      {page.state === 'failed' && <ErrorBox error={page.error} onRetry={page.reload} />}
      {page.state === 'ready' && rows.length === 0 && <p class="muted">{t('dash.noAttendees')}</p>}
      {rows.length > 0 && (
        <div class="table-scroll">
          <table class="attendees">
            <thead>
              <tr>
                <th scope="col">{t('dash.holder')}</th>
                <th scope="col">{t('dash.order')}</th>
                <th scope="col">{t('dash.entry')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('dash.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <AttendeeRow key={a.id} attendee={a} canRefund={canRefund} onRefund={() => setTarget({ attendee: a })} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {moreError != null && <ErrorBox error={moreError} onRetry={loadMore} />}
      {cursor && (
        <div class="actions center">
          <button type="button" class="btn btn-ghost btn-small" onClick={loadMore}>
            {t('common.more')}
          </button>
        </div>
      )}
      <RefundDialog
        target={target}
        onClose={() => setTarget(null)}
        onDone={() => {
          setTarget(null);
          setNotice(t('dash.refunded'));
          page.reload();
        }}
      />
    </section>
  );
}
