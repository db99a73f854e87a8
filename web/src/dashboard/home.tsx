import { useState } from 'preact/hooks';
import { request } from '../api/graphql';
import type { OrganizationRole } from '../api/types';
import { requireLogin } from '../auth/session';
import { formatDateTime, t } from '../i18n';
import { href } from '../router';
import { ErrorBox, Loading, Page } from '../ui/components';
import { useAsync } from '../ui/hooks';

interface OrgEvent {
  id: string;
  title: string;
  startsAt: string;
  timeZone: string;
  status: string;
}

interface Membership {
  role: OrganizationRole;
  organization: { id: string; name: string; events: { nodes: OrgEvent[] } };
}

const MEMBERSHIPS = `query DashboardMemberships {
  me {
    memberships {
      role
      organization { id name events(first: 100) { nodes { id title startsAt timeZone status } } }
    }
  }
}`;

const ORG_KEY = 'tickr.dashboard.org';

function storedOrg(): string | null {
  try {
    return localStorage.getItem(ORG_KEY);
  } catch {
    return null;
  }
}

const STATUS_BADGE: Record<string, string> = {
  PUBLISHED: 'badge badge-ok',
  DRAFT: 'badge',
  CANCELLED: 'badge badge-bad',
  ENDED: 'badge badge-warn',
};

/** Pick an organization (me.memberships), then one of its events. */
export function DashboardHome() {
  const loggedIn = requireLogin();
  const page = useAsync(
    () => (loggedIn ? request<{ me: { memberships: Membership[] } | null }>(MEMBERSHIPS).then((d) => d.me?.memberships ?? []) : Promise.resolve([])),
    [loggedIn],
  );
  const [orgId, setOrgId] = useState<string | null>(storedOrg());

  if (!loggedIn) return null;
  if (page.state === 'loading') return <Page title={t('nav.dashboard')}><Loading /></Page>;
  if (page.state === 'failed') return <Page title={t('nav.dashboard')}><ErrorBox error={page.error} onRetry={page.reload} /></Page>;
  const memberships = page.data;
  if (memberships.length === 0) return <Page title={t('nav.dashboard')}><p class="muted">{t('dash.noOrganization')}</p></Page>;

  const current = memberships.find((m) => m.organization.id === orgId) ?? memberships[0]!;
  const choose = (id: string) => {
    setOrgId(id);
    try {
      localStorage.setItem(ORG_KEY, id);
    } catch {
      // ignore
    }
  };

  return (
    <Page title={t('nav.dashboard')}>
      <div class="stack">
        <label class="field">
          <span>{t('dash.organization')}</span>
          <select data-testid="org-select" value={current.organization.id} onChange={(e) => choose(e.currentTarget.value)}>
            {memberships.map((m) => (
              <option key={m.organization.id} value={m.organization.id}>
                {m.organization.name} ({t(`dash.role.${m.role}`)})
              </option>
            ))}
          </select>
        </label>
        <h2>{t('dash.events')}</h2>
        {current.organization.events.nodes.length === 0 && <p class="muted">{t('dash.noEvents')}</p>}
        <ul class="event-list">
          {current.organization.events.nodes.map((e) => (
            <li key={e.id}>
              <a class="card event-link" data-testid="event-link" data-event-id={e.id} href={href(`dashboard/${encodeURIComponent(e.id)}`)}>
                <span>
                  <strong>
                    <bdi>{e.title}</bdi>
                  </strong>
                  <span class="muted small block">{formatDateTime(e.startsAt, e.timeZone)}</span>
                </span>
                <span class={STATUS_BADGE[e.status] ?? 'badge'}>{t(`dash.status.${e.status}`)}</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
    </Page>
  );
}
