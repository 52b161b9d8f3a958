import { render } from 'preact';
import { App, loadInitial } from './App';
import { extensionConnector } from './connector';

// Ask for the tab's state before the first render, so the data is on its way while Preact starts.
const initial = loadInitial(extensionConnector);
const root = document.getElementById('app')!;
root.textContent = ''; // drop the static "Loading…" placeholder shown before this script runs
render(<App connector={extensionConnector} initial={initial} />, root);
