/**
 * Registers the listeners that follow sign-in flows (sign-in-tracker.ts): each frame's redirects and
 * final responses (webRequest, main_frame and sub_frame only: other requests cost nothing new), commits
 * and fragment changes (a callback's fragment reaches no webRequest listener), windows a page opens,
 * closed tabs. Flows are kept in storage.session (`signin:<tabId>`) so a restarted worker carries on.
 * Registered synchronously at top level, like every listener.
 */
import browser from 'webextension-polyfill';
import { readSignInFlow, removeAllSignInFlows, writeSignInFlow } from '../shared/sign-in-storage';
import { SIGN_IN_FRAME_TYPES, SignInTracker, type TrackerOptions } from './sign-in-tracker';

export function watchSignIns(options: TrackerOptions): SignInTracker {
  const tracker = new SignInTracker({ load: readSignInFlow, save: writeSignInFlow, removeAll: removeAllSignInFlows }, options);
  const filter = { urls: ['<all_urls>'], types: SIGN_IN_FRAME_TYPES };
  browser.webRequest.onBeforeRedirect.addListener((details) => tracker.onFrameResponse(details), filter);
  browser.webRequest.onCompleted.addListener((details) => tracker.onFrameResponse(details), filter);
  browser.webNavigation.onCommitted.addListener((details) => tracker.onNavigation(details));
  browser.webNavigation.onReferenceFragmentUpdated.addListener((details) => tracker.onNavigation(details));
  browser.webNavigation.onCreatedNavigationTarget.addListener(({ sourceTabId, tabId }) => tracker.onWindowOpened(sourceTabId, tabId));
  browser.tabs.onRemoved.addListener((tabId) => tracker.onTabRemoved(tabId));
  return tracker;
}
