import browser from 'webextension-polyfill';
import { isLoopbackHost } from '../capture/redact-url';
import { readProxySetting, type ProxyReading } from '../diagnosis/proxy-setting';
import { t } from '../shared/i18n';
import { popupPathForTab } from '../shared/paths';

/** What a fix did, in words for the person who clicked it. */
export interface FixResult {
  ok: boolean;
  message: string;
}

const isFirefox = () => browser.runtime.getURL('').startsWith('moz-extension:');

/** Asks for an optional permission; the popup's click is the user gesture browsers require. */
async function ensurePermission(permission: 'browsingData' | 'proxy'): Promise<boolean> {
  if (await browser.permissions.contains({ permissions: [permission] })) return true;
  return browser.permissions.request({ permissions: [permission] });
}

async function tabUrl(tabId: number): Promise<URL | null> {
  try {
    const tab = await browser.tabs.get(tabId);
    return tab.url ? new URL(tab.url) : null;
  } catch {
    return null;
  }
}

/** Clears cookies and stored data for the tab's site only (never other sites). */
export async function clearSiteData(tabId: number): Promise<FixResult> {
  const url = await tabUrl(tabId);
  if (!url || !/^https?:$/.test(url.protocol)) return { ok: false, message: t('fix_not_website') };
  if (!(await ensurePermission('browsingData'))) return { ok: false, message: t('fix_clear_denied') };
  // Chrome filters by origin (cookies of the whole registrable domain); Firefox by hostname.
  const filter = isFirefox() ? { hostnames: [url.hostname] } : { origins: [url.origin] };
  const dataTypes = isFirefox()
    ? { cookies: true, localStorage: true, indexedDB: true, serviceWorkers: true }
    : { cookies: true, localStorage: true, indexedDB: true, serviceWorkers: true, cacheStorage: true, fileSystems: true };
  await browser.browsingData.remove(filter, dataTypes);
  return { ok: true, message: t('fix_cleared', [url.hostname]) };
}

export async function reloadTab(tabId: number): Promise<FixResult> {
  await browser.tabs.reload(tabId, { bypassCache: true });
  return { ok: true, message: t('fix_reloaded') };
}

/** The https address of the tab's page, or null when it is not on plain http. */
export async function httpsVersion(tabId: number): Promise<string | null> {
  const url = await tabUrl(tabId);
  // Loopback addresses are trustworthy over http and rarely serve https: no switch offered there.
  if (!url || url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return null;
  url.protocol = 'https:';
  if (url.port === '80') url.port = '';
  return url.href;
}

export async function openHttps(tabId: number): Promise<FixResult> {
  const target = await httpsVersion(tabId);
  if (!target) return { ok: false, message: t('fix_not_http') };
  await browser.tabs.update(tabId, { url: target });
  return { ok: true, message: t('fix_https_opened') };
}

/** Sends the tab to the site's home page, where the sign-in usually starts. */
export async function signInAgain(tabId: number): Promise<FixResult> {
  const url = await tabUrl(tabId);
  if (!url || !/^https?:$/.test(url.protocol)) return { ok: false, message: t('fix_not_website') };
  await browser.tabs.update(tabId, { url: `${url.origin}/` });
  return { ok: true, message: t('fix_sign_in_opened', [`${url.origin}/`]) };
}

const readBrowserProxy = async (): Promise<ProxyReading> => readProxySetting(await browser.proxy.settings.get({}), t);

/** Reads the browser's proxy setting, asking for the permission where it is optional (Firefox). */
export async function checkProxy(): Promise<ProxyReading> {
  if (!(await ensurePermission('proxy'))) return { configured: null, message: t('proxy_denied') };
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
