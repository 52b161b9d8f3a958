/**
 * The page marker's script. The worker injects it (scripting.executeScript, top frame only) into a
 * tab once that page has a refused request the page itself could know of, then calls the render
 * function it leaves behind with each new view. It is not a declared content script: nothing runs
 * on pages that have no refusal, and no file of the extension is web-accessible (a page cannot
 * probe for it).
 *
 * It needs no extension API to show the marker: page DOM can shadow that API in the isolated
 * world. A `<form id="chrome"><input name="runtime">` is a named property of the window; when the
 * isolated world is created after it (as for any script injected after the page parsed), Chrome
 * has no `chrome` object to offer there, and `browser` (Firefox's name) is the form anyway.
 * The worker therefore pushes the view (words included) and the API is only used, when it is
 * really there, for the "Why?" button.
 */
import { sendToWorker } from '../shared/messages';
import { MARKER_GLOBAL, type MarkerView } from '../view/marker-view';
import { PageMarker } from './page-marker';

type Runtime = Pick<typeof chrome.runtime, 'sendMessage' | 'id'>;

/**
 * The extension's runtime, when it really is reachable: DOM objects carry no functions a page
 * could add (page expandos stay in the page's world), and the id must be this extension's.
 */
function extensionRuntime(extensionId: string): Runtime | null {
  for (const name of ['browser', 'chrome']) {
    const runtime = ((globalThis as Record<string, unknown>)[name] as { runtime?: Partial<Runtime> } | undefined)?.runtime;
    if (typeof runtime?.sendMessage === 'function' && runtime.id === extensionId) return runtime as Runtime;
  }
  return null;
}

function install(): void {
  let marker: PageMarker | null = null;
  let dismissed = false;
  const render = (view: MarkerView) => {
    if (!marker) {
      const runtime = extensionRuntime(view.extensionId);
      marker = new PageMarker({
        onDetails: runtime && (() => void sendToWorker(runtime, { type: 'content:open-details' }).catch(() => {})),
        onDismiss: () => {
          dismissed = true;
          marker?.hide();
        },
      });
    }
    if (view.visible && !dismissed) marker.show(view);
    else marker.hide();
  };
  // An own property: page DOM cannot fake it (named properties are not own), and a second injection keeps the first.
  Object.defineProperty(globalThis, MARKER_GLOBAL, { value: Object.freeze({ render }) });
}

if (!Object.hasOwn(globalThis, MARKER_GLOBAL)) install();
