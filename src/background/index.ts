/**
 * Service worker (Chrome) / background script (Firefox) entry point.
 * Every listener is registered synchronously here, before any await, so an event that wakes
 * a stopped worker is delivered; state comes back from storage.session behind `ready`.
 */
import browser from 'webextension-polyfill';
import type { PageStatus, TabLog } from '../capture/types';
import { diagnose } from '../diagnosis/diagnose';
import { t } from '../shared/i18n';
import { loadSettings, readDetailCaptureUntil, sessionArea, watchSettings, writeDetailCaptureUntil } from '../shared/storage';
import { DEFAULT_SETTINGS, isIgnoredUrl, type Settings } from '../shared/storage-schema';
import { markerView } from '../view/marker-view';
import { markerStatus } from '../view/page-status';
import { showBadge } from './badge';
import { CookieWatcher } from './cookie-watcher';
import { handleMessages } from './message-handler';
import { forgetVanishedTabs, watchNavigation } from './navigation-watcher';
import { PageMarkerDisplay } from './page-marker-display';
import { watchRequests } from './request-watcher';
import { watchSignIns } from './sign-in-watcher';
import { createTabState } from './tab-state';
import { UnwatchedTabs } from './unwatched-tabs';

function logError(message: string, error: unknown): void {
  console.warn(`401 Explainer: ${message}`, error);
}

let settings: Settings = DEFAULT_SETTINGS;
const settingsLoaded = loadSettings()
  .then((loaded) => {
    settings = loaded;
  })
  .catch((error: unknown) => logError('could not read settings; using defaults', error));

const markers = new PageMarkerDisplay(logError);
// With consent only (settings.cookieWatch and the optional cookies permission): see cookie-watcher.ts.
const cookies = new CookieWatcher(logError);
const watchCookies = () => void settingsLoaded.then(() => cookies.update(settings.cookieWatch));
watchCookies();
browser.permissions.onAdded.addListener(watchCookies);
browser.permissions.onRemoved.addListener(watchCookies);

/** Shows what was just stored for a tab: its badge and its page marker. */
async function show(tabId: number, log: TabLog | undefined, status: PageStatus): Promise<void> {
  if (tabId < 0) return;
  await showBadge(tabId, log, settings.badgeScope);
  await markers.show(tabId, log, markerView(status, settings.showMarker, t, browser.runtime.id));
}

const tabs = createTabState(sessionArea, {
  onPublish: show,
  onError: logError,
  statusOf: (log) => markerStatus(log, settings.badgeScope),
  // Diagnosed here, once per change (the worker's code is warm), so opening the popup costs no diagnosis.
  diagnose: (log) => ({
    current: diagnose(log.records, { now: Date.now(), pageUrl: log.pageUrl, t }),
    previous: log.previous ? diagnose(log.previous.records, { now: Date.now(), pageUrl: log.previous.url, t }) : null,
  }),
});
const { store, publisher } = tabs;
const ready = Promise.all([store.ready, settingsLoaded]);

const { detail } = watchRequests(store, {
  ready,
  isIgnored: (url) => isIgnoredUrl(settings, url),
  onError: logError,
  loadDetailUntil: readDetailCaptureUntil,
  saveDetailUntil: writeDetailCaptureUntil,
  cookieFacts: (url, topUrl) => cookies.factsFor(url, topUrl),
});
// Chrome: resume detail capture, or clear the detail listeners a stopped worker left registered.
void detail?.restore();
watchNavigation(store);
const signIns = watchSignIns({ onError: logError, isIgnored: (url) => isIgnoredUrl(settings, url) });
// Pages whose commit the worker never saw (restored as the browser started): their refusals come from their timing data.
const unwatched = new UnwatchedTabs(store, logError);
browser.runtime.onStartup.addListener(() => void ready.then(() => unwatched.started()));
browser.runtime.onInstalled.addListener(() => void ready.then(() => unwatched.started()));
// Chrome resets a tab's badge when its page commits, which on a busy machine can land after the
// publish it should precede: once the page has loaded, show what storage holds again (the popup's
// state), so badge and popup never disagree.
browser.webNavigation.onCompleted.addListener(({ tabId, frameId, url }) => {
  if (frameId !== 0 || tabId < 0) return;
  void ready.then(() => {
    void unwatched.loaded(tabId, url);
    return showBadge(tabId, publisher.storedLog(tabId), settings.badgeScope);
  });
});
browser.tabs.onRemoved.addListener((tabId) => {
  markers.forget(tabId);
  unwatched.forget(tabId);
});
// 'Clear stored data' also forgets the cookie watch's departures and every sign-in flow.
handleMessages(tabs, unwatched, { clearData: async () => void (await Promise.all([cookies.forget(), signIns.clearAll()])) });
watchSettings((changed) => {
  const cookiesChanged = changed.cookieWatch !== settings.cookieWatch;
  settings = changed;
  if (cookiesChanged) watchCookies();
  for (const tabId of store.tabIds()) if (isIgnoredUrl(settings, store.get(tabId)?.pageUrl ?? null)) store.clearRecords(tabId);
  void publisher.republish(store.tabIds());
});

// A restarted worker drops closed tabs and shows every tab's state again (Firefox may lose badges).
void ready
  .then(() => {
    for (const tabId of store.tabIds()) if (publisher.shownStatus(tabId).refused > 0) markers.assumePresent(tabId, store.get(tabId)!);
    return forgetVanishedTabs(store);
  })
  .then(() => publisher.republish(store.tabIds()))
  .catch((error: unknown) => logError('could not restore badges', error));
