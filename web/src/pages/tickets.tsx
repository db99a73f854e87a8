import { useState } from 'preact/hooks';
import { request } from '../api/graphql';
import type { Connection } from '../api/types';
import { requireLogin } from '../auth/session';
import { formatDateTime, t } from '../i18n';
import { href } from '../router';
import { ErrorBox, Loading, Page } from '../ui/components';
import { useAsync } from '../ui/hooks';
import { QrCode } from '../ui/qr';

interface TicketItem {
  id: string;
  status: 'VALID' | 'REVOKED';
  holderEmail: string;
  token: string | null;
  ticketType: { name: string } | null;
  event: { title: string; slug: string; startsAt: string; timeZone: string; venue: { name: string; city: string } | null } | null;
}

const TICKETS = `query MyTickets($after: String) {
  me {
    tickets(first: 20, after: $after) {
      nodes {
        id status holderEmail token
        ticketType { name }
        event { title slug startsAt timeZone venue { name city } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

async function loadTickets(after: string | null): Promise<Connection<TicketItem>> {
  const data = await request<{ me: { tickets: Connection<TicketItem> } | null }>(TICKETS, { after });
  return data.me?.tickets ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
}

function TicketCard({ ticket }: { ticket: TicketItem }) {
  const event = ticket.event;
  const valid = ticket.status === 'VALID';
  return (
    <li class={valid ? 'ticket-card card' : 'ticket-card card revoked'} data-testid="ticket-card" data-ticket-id={ticket.id}>
      <div class="ticket-info">
        {event && (
          <a class="ticket-event" href={href(`events/${encodeURIComponent(event.slug)}`)}>
            <bdi>{event.title}</bdi>
          </a>
        )}
        {event && <span>{formatDateTime(event.startsAt, event.timeZone)}</span>}
        {event?.venue && (
          <span class="muted">
            {event.venue.name} · {event.venue.city}
          </span>
        )}
        <span class="row">
          <span class="badge">{ticket.ticketType?.name}</span>
          {!valid && <span class="badge badge-bad">{t('tickets.revoked')}</span>}
        </span>
        <span class="muted small">
          <bdi>{ticket.holderEmail}</bdi>
        </span>
      </div>
      {ticket.token && valid ? (
        <div class="ticket-qr">
          <QrCode text={ticket.token} label={t('tickets.qrLabel', { event: event?.title ?? '' })} testId="ticket-qr" />
          <span class="visually-hidden" data-testid="ticket-token">
            {ticket.token}
          </span>
        </div>
      ) : (
        <p class="muted small">{t('tickets.noQr')}</p>
      )}
    </li>
  );
}

export function TicketsPage() {
  const loggedIn = requireLogin();
  const [more, setMore] = useState<TicketItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const page = useAsync(async () => {
    if (!loggedIn) return null;
    const first = await loadTickets(null);
    setCursor(first.pageInfo.hasNextPage ? first.pageInfo.endCursor : null);
    return first;
  }, [loggedIn]);

  const loadMore = async () => {
    if (!cursor) return;
    setMoreError(null);
    try {
      const next = await loadTickets(cursor);
      setMore((m) => [...m, ...next.nodes]);
      setCursor(next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null);
    } catch (e) {
      setMoreError(e);
    }
  };

  if (!loggedIn) return null;
  const tickets = page.state === 'ready' && page.data ? [...page.data.nodes, ...more] : [];
  return (
    <Page title={t('tickets.title')}>
      {page.state === 'loading' && <Loading />}
      {page.state === 'failed' && <ErrorBox error={page.error} onRetry={page.reload} />}
      {page.state === 'ready' && tickets.length === 0 && (
        <p class="muted">
          {t('tickets.none')} <a href={href('')}>{t('tickets.browse')}</a>
        </p>
      )}
      <ul class="ticket-list">
        {tickets.map((ticket) => (
          <TicketCard key={ticket.id} ticket={ticket} />
        ))}
      </ul>
      {moreError != null && <ErrorBox error={moreError} onRetry={loadMore} />}
      {cursor && (
        <div class="actions center">
          <button type="button" class="btn btn-ghost" onClick={loadMore}>
            {t('common.more')}
          </button>
        </div>
      )}
    </Page>
  );
}
