// The organizer dashboard: a lazily loaded chunk (with uPlot), registered messages and styles of its own.
import { registerMessages } from '../i18n';
import { dashboardMessages } from './messages';
import './dashboard.css';

registerMessages(dashboardMessages);

export { DashboardHome } from './home';
export { DashboardEvent } from './live';
