/**
 * The person's consent to the cookie watch (background/cookie-watcher.ts): the setting and the
 * optional `cookies` permission, given and taken back together, from the options page.
 */
import browser from 'webextension-polyfill';

/**
 * Asks for the `cookies` permission. Call it first in a click handler, before any `await`: Firefox
 * accepts a permission request only while the handler runs.
 */
export function askCookiePermission(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['cookies'] }).catch(() => false);
}

/** Gives the permission back (the watcher stops and forgets on `permissions.onRemoved`). */
export function giveBackCookiePermission(): Promise<boolean> {
  return browser.permissions.remove({ permissions: ['cookies'] }).catch(() => false);
}

export function hasCookiePermission(): Promise<boolean> {
  return browser.permissions.contains({ permissions: ['cookies'] }).catch(() => false);
}
