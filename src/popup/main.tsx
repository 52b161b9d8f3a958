import { render } from 'preact';
import { App } from './App';
import { extensionConnector } from './connector';

render(<App connector={extensionConnector} />, document.getElementById('app')!);
