/** Extension page paths, as built into dist/ (crxjs keeps source paths). */
export const POPUP_PATH = 'src/popup/popup.html';

/** The popup page for one tab; the `tabId` parameter lets it be opened in a full tab. */
export function popupPathForTab(tabId: number): string {
  return `${POPUP_PATH}?tabId=${tabId}`;
}

/** The page marker's script, injected into a tab's top frame by the worker (built by build/page-marker-bundle.ts). */
export const PAGE_MARKER_SCRIPT = 'page-marker.js';
