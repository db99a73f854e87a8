import { useState } from 'preact/hooks';
import { request } from '../api/graphql';
import { MONEY, type Connection, type Money } from '../api/types';
import { formatDateTime, formatMoney, t } from '../i18n';
import { href, query, replaceQuery } from '../router';
import { ErrorBox, Loading, Page } from '../ui/components';
import { useAsync, useDebounced } from '../ui/hooks';

interface EventSummary {
  id: string;
  slug: string;
  title: string;
  startsAt: string;
  timeZone: string;
  isOnSale: boolean;
  status: string;
  venue: { name: string; city: string } | null;
  category: { name: string } | null;
  priceRange: { min: Money; max: Money } | null;
}

const EVENTS = `query Events($search: String, $after: String) {
  events(where: { search: $search }, first: 12, after: $after) {
    nodes {
      id slug title startsAt timeZone isOnSale status
      venue { name city }
      category { name }
      priceRange { min { ${MONEY} } max { ${MONEY} } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function loadEvents(search: string, after: string | null): Promise<Connection<EventSummary>> {
  const data = await request<{ events: Connection<EventSummary> }>(EVENTS, { search: search || null, after });
  return data.events;
}

function PriceText({ range }: { range: EventSummary['priceRange'] }) {
  if (!range) return null;
  if (range.max.minorUnits === 0) return <span class="badge badge-ok">{t('events.free')}</span>;
  const min = formatMoney(range.min);
  return <span class="price">{range.min.minorUnits === range.max.minorUnits ? min : t('events.from', { price: min })}</span>;
}

function EventCard({ event }: { event: EventSummary }) {
  return (
    <li>
      <a class="event-card card" data-testid="event-card" data-slug={event.slug} href={href(`events/${encodeURIComponent(event.slug)}`)}>
        <span class="event-date">{formatDateTime(event.startsAt, event.timeZone)}</span>
        <strong class="event-title">
          <bdi>{event.title}</bdi>
        </strong>
        {event.venue && (
          <span class="muted">
            <bdi>{event.venue.name}</bdi> · <bdi>{event.venue.city}</bdi>
          </span>
        )}
        <span class="spread">
          {event.category ? <span class="badge">{event.category.name}</span> : <span />}
          {event.isOnSale ? <PriceText range={event.priceRange} /> : <span class="badge badge-warn">{t('events.notOnSale')}</span>}
        </span>
      </a>
    </li>
  );
}

export function HomePage() {
  const [search, setSearch] = useState(query.value.get('q') ?? '');
  const settled = useDebounced(search.trim(), 300);
  const [more, setMore] = useState<EventSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  const page = useAsync(async () => {
    const first = await loadEvents(settled, null);
    setMore([]);
    setCursor(first.pageInfo.hasNextPage ? first.pageInfo.endCursor : null);
    return first;
  }, [settled]);

  const onSearch = (value: string) => {
    setSearch(value);
    replaceQuery({ q: value.trim() });
  };

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await loadEvents(settled, cursor);
      setMore((m) => [...m, ...next.nodes]);
      setCursor(next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null);
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const events = page.state === 'ready' ? [...page.data.nodes, ...more] : [];
  return (
    <Page title={t('events.title')}>
      <form class="search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="visually-hidden" for="event-search">
          {t('events.search')}
        </label>
        <input
          id="event-search"
          data-testid="event-search"
          type="search"
          placeholder={t('events.searchPlaceholder')}
          value={search}
          onInput={(e) => onSearch(e.currentTarget.value)}
          autoComplete="off"
        />
      </form>
      {page.state === 'loading' && <Loading />}
      {page.state === 'failed' && <ErrorBox error={page.error} onRetry={page.reload} />}
      {page.state === 'ready' && events.length === 0 && (
        <p class="muted">{settled ? t('events.noMatch', { search: settled }) : t('events.none')}</p>
      )}
      <ul class="event-grid">
        {events.map((event) => (
          <EventCard key={event.id} event={event} />
        ))}
      </ul>
      {moreError != null && <ErrorBox error={moreError} onRetry={loadMore} />}
      {cursor && (
        <div class="actions center">
          <button type="button" class="btn btn-ghost" onClick={loadMore} disabled={loadingMore}>
            {t('common.more')}
          </button>
        </div>
      )}
    </Page>
  );
}
