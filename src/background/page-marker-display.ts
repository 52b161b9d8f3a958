import browser from 'webextension-polyfill';
import type { TabLog } from '../capture/types';
import { MARKER_GLOBAL, type MarkerView } from '../view/marker-view';
import { PAGE_MARKER_SCRIPT } from '../shared/paths';

/** Runs in the page's isolated world (serialised by executeScript): hands the view to the marker script, if present. */
function renderMarker(key: string, view: MarkerView): void {
  const handle = Object.getOwnPropertyDescriptor(globalThis, key)?.value as { render?: unknown } | undefined;
  if (typeof handle?.render === 'function') (handle.render as (view: MarkerView) => void)(view);
}

/**
 * Shows, updates and hides the page marker in a tab's top frame. The marker script is put into a
 * page the first time it has something to show (instead of a content script on every page), then
 * each change is pushed to it. Keyed by the page's commit time: a new page starts without one.
 */
export class PageMarkerDisplay {
  /** Tabs whose current page may hold the marker script, with the page (commit time) it went into. */
  private readonly present = new Map<number, number | null>();
  /** The view each tab's marker shows now: an unchanged view is not sent again. */
  private readonly shown = new Map<number, string>();

  constructor(private readonly onError: (message: string, error: unknown) => void) {}

  /** After a restart: pages whose saved state showed a marker still have it. */
  assumePresent(tabId: number, log: TabLog): void {
    this.present.set(tabId, log.committedAt);
  }

  async show(tabId: number, log: TabLog | undefined, view: MarkerView): Promise<void> {
    if (tabId < 0) return;
    const page = log?.committedAt ?? null;
    const target = { tabId, frameIds: [0] };
    const key = JSON.stringify(view);
    try {
      if (!(this.present.has(tabId) && this.present.get(tabId) === page)) {
        if (!view.visible) return; // nothing shown on this page, nothing to hide
        this.present.set(tabId, page);
        this.shown.delete(tabId);
        await browser.scripting.executeScript({ target, files: [PAGE_MARKER_SCRIPT] });
      }
      if (this.shown.get(tabId) === key) return;
      this.shown.set(tabId, key);
      await browser.scripting.executeScript({ target, func: renderMarker, args: [MARKER_GLOBAL, view] });
    } catch (error) {
      // Pages the browser protects (its own pages, the web store), error pages, a tab closed meanwhile.
      this.present.delete(tabId);
      this.shown.delete(tabId);
      this.onError(`could not update the page marker in tab ${tabId}`, error);
    }
  }

  forget(tabId: number): void {
    this.present.delete(tabId);
    this.shown.delete(tabId);
  }
}
