import { render, type VNode } from 'preact';
import { App, LoadError, loadInitial } from './App';
import { extensionConnector } from './connector';
// The styles travel inside this bundle: a separate stylesheet is one more file for the popup to wait
// on (extension files arrive one after another, a few ms each), and scripts wait for stylesheets.
import styles from './popup.css?inline';

const sheet = document.createElement('style');
sheet.textContent = styles;
document.head.append(sheet);

const root = document.getElementById('app')!; // aria-busy until the first render
function show(view: VNode): void {
  root.removeAttribute('aria-busy');
  render(view, root);
}

// Nothing is rendered until the tab's state is read (a few ms): the first render is then the content itself.
loadInitial(extensionConnector).then(
  (initial) => show(<App connector={extensionConnector} initial={initial} />),
  (error: unknown) => show(<LoadError error={error} />),
);
