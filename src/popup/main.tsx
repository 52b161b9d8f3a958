import { render } from 'preact';
import { App } from './App';
import { extensionConnector } from './connector';

const root = document.getElementById('app')!;
root.textContent = ''; // drop the static "Loading…" placeholder shown before this script runs
render(<App connector={extensionConnector} />, root);
