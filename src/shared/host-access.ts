/**
 * Host access: the extension sees a site's requests (and marks its pages) only while it may read
 * that site. Firefox lets a person take `<all_urls>` away in the add-on's permissions, Chrome in its
 * "site access" menu; from then on nothing is observed, silently. The popup and the options page
 * say so and offer to ask for it again.
 */
import browser from 'webextension-polyfill';

const ALL_SITES: browser.Permissions.Permissions = { origins: ['<all_urls>'] };

export function hasHostAccess(): Promise<boolean> {
  return browser.permissions.contains(ALL_SITES);
}

/** Must run in a click handler: browsers ask only on a user gesture. */
export function requestHostAccess(): Promise<boolean> {
  return browser.permissions.request(ALL_SITES);
}
