/**
 * Watches the cookie jar, with the person's consent only: the setting `cookieWatch` (options page)
 * and the optional `cookies` permission it asks for. It mirrors the jar without values
 * (capture/cookie-mirror.ts) so a refusal can say at once what the jar held for it, and keeps the
 * names, times and browser-given reasons of sign-in cookies that went away in storage.session
 * (capture/cookie-departures.ts): memory only, gone when the browser closes, like the tabs' state.
 *
 * MV3 caveat: `browser.cookies` exists only once the permission is granted, so its listener cannot
 * be added synchronously at the worker's top level; it is added after `permissions.contains`
 * (at start, on `permissions.onAdded` and when the setting changes). Chrome wakes a stopped worker
 * only for listeners added in its first turn, so a cookie that goes while the worker sleeps is not
 * reported (a sign-in cookie still in the mirror past its expiry counts as expired, see the mirror).
 */
import browser from 'webextension-polyfill';
import type { CookieJarFacts } from '../capture/cookie-jar';
import { type CookieDeparture, type DepartureLog, noteDeparture, pruneDepartures, readDepartureLog } from '../capture/cookie-departures';
import { type BrowserCookie, type CookieChange, CookieMirror } from '../capture/cookie-mirror';
import { COOKIE_DEPARTURES_KEY } from '../shared/storage-schema';

/** Departures are written this long after the last one (a site renewing its cookies in a burst costs one write). */
const SAVE_DELAY_MS = 500;

const isFirefox = () => browser.runtime.getURL('').startsWith('moz-extension:');

/** Every cookie of the jar, partitioned ones included (each browser asks for them its own way). */
async function wholeJar(): Promise<BrowserCookie[]> {
  const cookies = browser.cookies as unknown as { getAll(details: Record<string, unknown>): Promise<BrowserCookie[]> };
  // Firefox: firstPartyDomain null and an empty partitionKey return every partition; Chrome: an empty partitionKey does.
  const queries = isFirefox() ? [{ firstPartyDomain: null, partitionKey: {} }, {}] : [{ partitionKey: {} }, {}];
  for (const query of queries) {
    try {
      return await cookies.getAll(query);
    } catch {
      // An older browser that does not know the key: ask for the unpartitioned jar.
    }
  }
  return [];
}

export class CookieWatcher {
  private readonly mirror = new CookieMirror();
  private departures: DepartureLog = {};
  private listening = false;
  private loaded = false;
  /** Changes that arrive while the jar is read, applied after it. */
  private pending: CookieChange[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Each start or stop supersedes the ones before (they await the browser). */
  private turn = 0;

  constructor(private readonly onError: (message: string, error: unknown) => void) {}

  /** Watches when the person wants it and the permission is held; stops and forgets otherwise. */
  async update(wanted: boolean): Promise<void> {
    const turn = ++this.turn;
    const granted = wanted && (await browser.permissions.contains({ permissions: ['cookies'] }).catch(() => false));
    if (turn !== this.turn) return;
    if (granted) await this.start(turn);
    else await this.stop();
  }

  /** Forgets every departure (the options page's "Clear stored data"). */
  async forget(): Promise<void> {
    this.departures = {};
    await browser.storage.session.remove(COOKIE_DEPARTURES_KEY);
  }

  /** What the jar holds for a request to `url` made in the page at `topUrl` (null: the request is the page); undefined when not watching. */
  factsFor(url: string, topUrl: string | null): CookieJarFacts | undefined {
    if (!this.loaded) return undefined;
    // Chrome reads a cookie without SameSite as Lax; Firefox as None (it partitions third-party cookies instead).
    return this.mirror.factsFor(url, topUrl, this.departures, Date.now(), !isFirefox()) ?? undefined;
  }

  private readonly onChanged = (change: CookieChange) => {
    if (!this.loaded) {
      this.pending.push(change);
      return;
    }
    this.apply(change);
  };

  private apply(change: CookieChange): void {
    const departure = this.mirror.changed(change, Date.now());
    if (departure) this.noteDeparture(departure);
  }

  private noteDeparture(departure: CookieDeparture): void {
    this.departures = noteDeparture(this.departures, departure, Date.now());
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = null;
      browser.storage.session.set({ [COOKIE_DEPARTURES_KEY]: this.departures }).catch((error: unknown) => this.onError('could not store cookie departures', error));
    }, SAVE_DELAY_MS);
  }

  private async start(turn: number): Promise<void> {
    if (!this.listening) {
      browser.cookies.onChanged.addListener(this.onChanged);
      this.listening = true;
    }
    if (this.loaded) return;
    try {
      const [jar, stored] = await Promise.all([wholeJar(), browser.storage.session.get(COOKIE_DEPARTURES_KEY)]);
      if (turn !== this.turn) return;
      this.mirror.reset(jar);
      this.departures = pruneDepartures({ ...readDepartureLog(stored[COOKIE_DEPARTURES_KEY]), ...this.departures }, Date.now());
      this.loaded = true;
      for (const change of this.pending.splice(0)) this.apply(change);
    } catch (error) {
      this.onError('could not read the cookie jar', error);
    }
  }

  private async stop(): Promise<void> {
    try {
      if (this.listening) browser.cookies?.onChanged.removeListener(this.onChanged);
    } catch {
      // The permission is gone, and with it the API: nothing listens any more.
    }
    this.listening = false;
    this.loaded = false;
    this.pending = [];
    this.mirror.clear();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.forget().catch((error: unknown) => this.onError('could not forget cookie departures', error));
  }
}
