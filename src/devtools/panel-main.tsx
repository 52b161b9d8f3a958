import { render } from 'preact';
import { t } from '../shared/i18n';
import { TranslateContext } from '../ui/translate-context';
import { PanelApp } from './components/PanelApp';
import { inspectedTabId } from './network-stream';
import styles from './panel.css?inline';

const sheet = document.createElement('style');
sheet.textContent = styles;
document.head.append(sheet);

// Outside DevTools (opened from the settings page) the same page reads HAR files only.
const root = document.getElementById('app')!;
root.removeAttribute('aria-busy');
render(
  <TranslateContext.Provider value={t}>
    <PanelApp live={inspectedTabId() !== null} />
  </TranslateContext.Provider>,
  root,
);
