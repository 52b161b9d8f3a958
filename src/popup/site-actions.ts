import browser from 'webextension-polyfill';
import { isLoopbackHost, originOf } from '../capture/redact-url';
import { type ClearPlan, hostReceives, sharedWith } from '../view/cookie-scope';
import { readProxySetting, type ProxyReading } from '../view/proxy-setting';
import { t } from '../shared/i18n';
import { popupPathForTab } from '../shared/paths';
import { loadSettings } from '../shared/storage';
import type { FixResult } from './fix-result';
import { plural } from '../diagnosis/plural';
import type { Platform } from './platform';

const isFirefox = () => browser.runtime.getURL('').startsWith('moz-extension:');

type OptionalPermission = 'browsingData' | 'cookies' | 'proxy';

/**
 * Asks for optional permissions (already held: true, without a prompt). Call it before any `await`
 * of a click's work: Firefox accepts the request only while the click handler runs ("may only be
 * called from a user input handler"), and a prior `await` has already left it.
 */
function askPermissions(permissions: OptionalPermission[]): Promise<boolean> {
  return browser.permissions.request({ permissions });
}

async function tabUrl(tabId: number): Promise<URL | null> {
  try {
    const tab = await browser.tabs.get(tabId);
    return tab.url ? new URL(tab.url) : null;
  } catch {
    return null;
  }
}

/**
 * The tab's address, if it still shows the site the popup explained. A page can move its own tab
 * elsewhere after the popup opened (or after "Why?" opened the details tab): a fix must never act
 * on a site the person was not shown.
 */
async function shownSite(tabId: number, shownPageUrl: string | null): Promise<{ url: URL } | { refused: FixResult }> {
  const url = await tabUrl(tabId);
  if (!url || !/^https?:$/.test(url.protocol) || !shownPageUrl) return { refused: { ok: false, message: t('fix_not_website') } };
  if (originOf(shownPageUrl) !== url.origin) return { refused: { ok: false, message: t('fix_tab_moved', [url.host, originOf(shownPageUrl) ?? '?']) } };
  return { url };
}

/** The cookies the tab's host receives (host-only ones of that host, and domain cookies of its parents). */
async function cookiesOfHost(host: string): Promise<browser.Cookies.Cookie[]> {
  return (await browser.cookies.getAll({})).filter((cookie) => hostReceives(host, cookie));
}

/** Clearing needs cookies and browsingData for one click only: they are not kept. */
/** (Unless the person let the extension watch cookies in the settings: then `cookies` stays.) */
const giveBackClearPermissions = async () => {
  const keepCookies = (await loadSettings().catch(() => null))?.cookieWatch === true;
  return browser.permissions.remove({ permissions: keepCookies ? ['browsingData'] : ['browsingData', 'cookies'] }).catch(() => false);
};

/**
 * Says exactly what clearing would delete, before anything is deleted: the cookies this host
 * receives (and which parent domains share some of them) and this origin's stored data. Asks for
 * the cookies and browsingData permissions here, on the person's click.
 */
export async function planClearSiteData(tabId: number, shownPageUrl: string | null): Promise<{ ok: true; plan: ClearPlan } | FixResult> {
  const granted = askPermissions(['browsingData', 'cookies']); // first: see askPermissions
  const site = await shownSite(tabId, shownPageUrl);
  if ('refused' in site) {
    void granted.then(giveBackClearPermissions, () => {});
    return site.refused;
  }
  if (!(await granted)) return { ok: false, message: t('fix_clear_denied') };
  const cookies = await cookiesOfHost(site.url.hostname);
  return { ok: true, plan: { origin: site.url.origin, host: site.url.hostname, cookies: cookies.length, sharedWith: sharedWith(site.url.hostname, cookies) } };
}

/**
 * Deletes what the plan said, for the plan's site only, and refuses if the tab has moved since:
 * each cookie this host receives (one by one: Chrome's browsingData cookie filter would take the
 * whole registrable domain), then the origin's storage. The permissions are given back after.
 */
export async function clearSiteData(tabId: number, plan: ClearPlan): Promise<FixResult> {
  const site = await shownSite(tabId, plan.origin);
  if ('refused' in site) return site.refused;
  try {
    const cookies = await cookiesOfHost(plan.host);
    await Promise.all(
      cookies.map((cookie) =>
        browser.cookies.remove({
          url: `${cookie.secure ? 'https' : 'http'}://${cookie.domain.replace(/^\./, '')}${cookie.path}`,
          name: cookie.name,
          storeId: cookie.storeId,
        }),
      ),
    );
    // Storage is per origin in both browsers' filters (Firefox: per host), so nothing of other sites goes.
    const filter = isFirefox() ? { hostnames: [plan.host] } : { origins: [plan.origin] };
    const dataTypes = isFirefox()
      ? { localStorage: true, indexedDB: true, serviceWorkers: true }
      : { localStorage: true, indexedDB: true, serviceWorkers: true, cacheStorage: true, fileSystems: true };
    await browser.browsingData.remove(filter, dataTypes);
    return { ok: true, message: plural(t, 'fix_cleared', cookies.length, [plan.origin]) };
  } finally {
    await giveBackClearPermissions();
  }
}

export async function reloadTab(tabId: number): Promise<FixResult> {
  await browser.tabs.reload(tabId, { bypassCache: true });
  return { ok: true, message: t('fix_reloaded') };
}

/** The https address of the tab's page, or null when it is not on plain http. */
export async function httpsVersion(tabId: number): Promise<string | null> {
  const url = await tabUrl(tabId);
  // Loopback addresses are trustworthy over http and rarely serve https: no switch offered there.
  if (url?.protocol !== 'http:' || isLoopbackHost(url.hostname)) return null;
  url.protocol = 'https:';
  if (url.port === '80') url.port = '';
  return url.href;
}

export async function openHttps(tabId: number, shownPageUrl: string | null): Promise<FixResult> {
  const site = await shownSite(tabId, shownPageUrl);
  if ('refused' in site) return site.refused;
  const target = await httpsVersion(tabId);
  if (!target) return { ok: false, message: t('fix_not_http') };
  await browser.tabs.update(tabId, { url: target });
  return { ok: true, message: t('fix_https_opened') };
}

/** Sends the tab to the site's home page, where the sign-in usually starts. */
export async function signInAgain(tabId: number, shownPageUrl: string | null): Promise<FixResult> {
  const site = await shownSite(tabId, shownPageUrl);
  if ('refused' in site) return site.refused;
  const url = site.url;
  await browser.tabs.update(tabId, { url: `${url.origin}/` });
  return { ok: true, message: t('fix_sign_in_opened', [`${url.origin}/`]) };
}

/** Opens the site of a refused embedded request in a tab of its own, where the browser sends it its cookies. */
export async function openSite(origin: string): Promise<FixResult> {
  const url = originOf(origin);
  if (!url || !/^https?:/.test(url)) return { ok: false, message: t('fix_not_website') };
  await browser.tabs.create({ url: `${url}/` });
  return { ok: true, message: t('fix_site_opened', [`${url}/`]) };
}

const readBrowserProxy = async (): Promise<ProxyReading> => readProxySetting(await browser.proxy.settings.get({}), t);

/** Reads the browser's proxy setting, asking for the permission where it is optional (Firefox). */
export async function checkProxy(): Promise<ProxyReading> {
  if (!(await askPermissions(['proxy']))) return { configured: null, message: t('proxy_denied') };
  return readBrowserProxy();
}

/** The same, without asking: null when the permission is not held, so opening the popup never prompts. */
export async function browserProxy(): Promise<ProxyReading | null> {
  return (await browser.permissions.contains({ permissions: ['proxy'] })) ? readBrowserProxy() : null;
}

export async function copyText(text: string): Promise<FixResult> {
  await navigator.clipboard.writeText(text);
  return { ok: true, message: t('fix_copied') };
}

export async function openDeveloperView(tabId: number): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`${popupPathForTab(tabId)}&view=developer`) });
}

/** Firefox for Android, or another browser. */
export async function platform(): Promise<Platform> {
  return (await browser.runtime.getPlatformInfo()).os === 'android' ? 'android' : 'desktop';
}
