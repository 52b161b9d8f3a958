import { render } from 'preact';
import { App, loadInitial } from './App';
import { extensionConnector } from './connector';
// The styles travel inside this bundle: a separate stylesheet is one more file for the popup to wait
// on (extension files arrive one after another, a few ms each), and scripts wait for stylesheets.
import styles from './popup.css?inline';

const sheet = document.createElement('style');
sheet.textContent = styles;
document.head.append(sheet);

// Ask for the tab's state before the first render, so the data is on its way while Preact starts.
const initial = loadInitial(extensionConnector);
const root = document.getElementById('app')!;
root.textContent = ''; // drop the static "Loading…" placeholder shown before this script runs
render(<App connector={extensionConnector} initial={initial} />, root);
