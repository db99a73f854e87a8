import { Page } from '../ui/components';
import { t } from '../i18n';

export function HomePage() {
  return <Page title={t('nav.events')}>{null}</Page>;
}
