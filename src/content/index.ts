/**
 * Content script (top frame only): shows the page marker when this tab has refused requests
 * that did not recover. It asks once on load and then follows the worker's updates.
 */
import browser from 'webextension-polyfill';
import { isToContent, type MarkerUpdate, sendToWorker } from '../shared/messages';
import { PageMarker } from './page-marker';

let dismissed = false;
const marker = new PageMarker({
  onDetails: () => void sendToWorker({ type: 'content:open-details' }).catch(() => {}),
  onDismiss: () => {
    dismissed = true;
    marker.hide();
  },
});

function render({ status, showMarker }: MarkerUpdate): void {
  if (status.refused > 0 && showMarker && !dismissed) marker.show(status);
  else marker.hide();
}

browser.runtime.onMessage.addListener((message: unknown) => {
  if (isToContent(message)) render(message);
  return undefined;
});

sendToWorker({ type: 'content:get-status' })
  .then(render)
  .catch(() => {
    // The extension was reloaded or updated under this page: its old content script has nobody to ask.
  });
