import type { VNode } from 'preact';
import { location, match, type RouteParams } from './router';
import { Layout } from './ui/layout';
import { Lazy } from './ui/lazy';
import { Page } from './ui/components';
import { t } from './i18n';
import { HomePage } from './pages/home';
import { LoginPage } from './pages/login';
import { EventPage } from './pages/event';
import { OrderPage } from './pages/order';
import { TicketsPage } from './pages/tickets';

// Organizer and scanner screens are separate chunks: a buyer never downloads them.
const loadDashboard = () => import('./dashboard');
const loadScanner = () => import('./scanner/pages');

interface Route {
  pattern: string;
  render: (params: RouteParams) => VNode;
}

const routes: Route[] = [
  { pattern: '', render: () => <HomePage /> },
  { pattern: 'login', render: () => <LoginPage /> },
  { pattern: 'events/:slug', render: (p) => <EventPage slug={p.slug!} /> },
  { pattern: 'orders/:orderId', render: (p) => <OrderPage orderId={p.orderId!} /> },
  { pattern: 'tickets', render: () => <TicketsPage /> },
  { pattern: 'dashboard', render: () => <Lazy loader={loadDashboard} render={(m) => <m.DashboardHome />} /> },
  {
    pattern: 'dashboard/:eventId',
    render: (p) => <Lazy loader={loadDashboard} render={(m) => <m.DashboardEvent eventId={p.eventId!} />} />,
  },
  { pattern: 'scanner', render: () => <Lazy loader={loadScanner} render={(m) => <m.ScannerHome />} /> },
  {
    pattern: 'scanner/:eventId/:listId',
    render: (p) => <Lazy loader={loadScanner} render={(m) => <m.ScannerScreen eventId={p.eventId!} listId={p.listId!} />} />,
  },
];

function NotFound() {
  return (
    <Page>
      <p>{t('common.notFound')}</p>
    </Page>
  );
}

export function App() {
  const path = location.value;
  let view: VNode = <NotFound />;
  for (const route of routes) {
    const params = match(route.pattern, path);
    if (params) {
      // Keyed by path so a page's state resets when its parameters change.
      view = <div key={path} class="route">{route.render(params)}</div>;
      break;
    }
  }
  return <Layout>{view}</Layout>;
}
