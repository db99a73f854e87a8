import { render } from 'preact';
import './styles/base.css';
import './styles/buyer.css';
import './i18n';
import { App } from './app';

const root = document.getElementById('app');
if (root) render(<App />, root);
