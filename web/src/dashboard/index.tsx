import { Page } from '../ui/components';
import { t } from '../i18n';

export function DashboardHome() {
  return <Page title={t('nav.dashboard')}>{null}</Page>;
}

export function DashboardEvent({ eventId }: { eventId: string }) {
  return <Page title={t('nav.dashboard')}>{eventId}</Page>;
}
