import { render, type VNode } from 'preact';
import { t } from '../shared/i18n';
import { App, LoadError, loadInitial } from './App';
import { extensionConnector } from './connector';
// The styles travel inside this bundle: a separate stylesheet is one more file for the popup to wait
// on (extension files arrive one after another, a few ms each), and scripts wait for stylesheets.
import styles from './popup.css?inline';
import { TranslateContext } from '../ui/translate-context';

const sheet = document.createElement('style');
sheet.textContent = styles;
document.head.append(sheet);

/** `?view=developer` shows the full-tab timeline instead of the popup. */
const developer = new URLSearchParams(location.search).get('view') === 'developer';

const root = document.getElementById('app')!; // aria-busy until the first render
function show(view: VNode): void {
  root.removeAttribute('aria-busy');
  render(<TranslateContext.Provider value={t}>{view}</TranslateContext.Provider>, root);
}

// Nothing is rendered until the tab's state is read (a few ms): the first render is then the content itself.
loadInitial(extensionConnector, t('popup_no_tab')).then(
  (initial) => show(<App connector={extensionConnector} initial={initial} developer={developer} />),
  (error: unknown) => show(<LoadError error={error} />),
);
