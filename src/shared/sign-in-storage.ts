/**
 * Where a tab's sign-in flow is kept: `signin:<tabId>` in storage.session (memory only, cleared when
 * the browser closes; survives worker restarts), beside the tab's other state. The worker writes it
 * (background/sign-in-watcher.ts), the popup reads and watches it.
 */
import browser from 'webextension-polyfill';
import { isSignInFlow, type SignInFlow } from '../capture/sign-in-flow';

export function signInKey(tabId: number): string {
  return `signin:${tabId}`;
}

export async function readSignInFlow(tabId: number): Promise<SignInFlow | null> {
  const value = (await browser.storage.session.get(signInKey(tabId)))[signInKey(tabId)];
  return isSignInFlow(value) ? value : null;
}

export async function writeSignInFlow(tabId: number, flow: SignInFlow | null): Promise<void> {
  if (flow) await browser.storage.session.set({ [signInKey(tabId)]: flow });
  else await browser.storage.session.remove(signInKey(tabId));
}

/** Removes every tab's flow. */
export async function removeAllSignInFlows(): Promise<void> {
  const keys = Object.keys(await browser.storage.session.get(null)).filter((key) => key.startsWith('signin:'));
  if (keys.length > 0) await browser.storage.session.remove(keys);
}

/** Calls back with the tab's flow whenever the worker changes it; returns the unsubscribe. */
export function watchSignInFlow(tabId: number, onChange: (flow: SignInFlow | null) => void): () => void {
  const key = signInKey(tabId);
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area !== 'session' || !(key in changes)) return;
    const value = changes[key]!.newValue;
    onChange(isSignInFlow(value) ? value : null);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
