/**
 * Content script (top frame only): shows the page marker when this tab has refused requests
 * that did not recover. It asks once on load and then follows the worker's updates.
 */
import type { Translate } from '../diagnosis/translate';
import { isToContent, type MarkerUpdate, sendToWorker } from '../shared/messages';
import { PageMarker } from './page-marker';

/**
 * The content script runs on every page, so it skips webextension-polyfill (10 KB) and uses the
 * browser's own runtime: Firefox's `browser` and Chrome's MV3 `chrome` both return promises for
 * sendMessage, which is all it needs.
 */
const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
const runtime = api.runtime;
const t: Translate = (key, substitutions = []) => api.i18n.getMessage(key, substitutions.map(String)) || key;

let dismissed = false;
const marker = new PageMarker({
  onDetails: () => void sendToWorker(runtime, { type: 'content:open-details' }).catch(() => {}),
  onDismiss: () => {
    dismissed = true;
    marker.hide();
  },
}, t);

function render({ status, showMarker }: MarkerUpdate): void {
  if (status.refused > 0 && showMarker && !dismissed) marker.show(status);
  else marker.hide();
}

runtime.onMessage.addListener((message: unknown) => {
  if (isToContent(message)) render(message);
  return undefined;
});

sendToWorker(runtime, { type: 'content:get-status' })
  .then(render)
  .catch(() => {
    // The extension was reloaded or updated under this page: its old content script has nobody to ask.
  });
