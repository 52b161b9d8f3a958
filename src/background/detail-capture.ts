/**
 * Chrome only: listening closer for a while after a refusal.
 *
 * Chrome shows a request's Cookie header, its response's Set-Cookie and CORS preflights only to
 * webRequest listeners that ask for `extraHeaders`, and such a listener costs every request of every
 * tab a hop through the browser process, even requests its filter does not match (`npm run bench`:
 * about +0.1 to +0.2 on a page of 100 local sub-resources; without it our listeners cost what
 * holding the permission costs). So the worker's permanent listeners ask for no `extraHeaders`, and
 * this module adds a second pair (onSendHeaders, onHeadersReceived, same filters, with
 * `extraHeaders`) from a refusal (or a failed cross-origin API call, which may be a refused CORS
 * preflight) until DETAIL_CAPTURE_MS after the last one, then removes it. Records made meanwhile
 * say whether cookies were sent; the others say that it is unknown (SentCredentials.cookiesHidden).
 *
 * Each event then reaches both pairs. Which copy is handled:
 * - off: the plain listener's; on: the detail listener's (it carries the cookies).
 * - starting and stopping, while the browser takes the change (copies of one event can come from
 *   either pair, or from one only): the first copy of each event, told apart by request id and
 *   time stamp (the browser stamps an event once, for all its listeners). Starting ends, per event
 *   name, with the first copy from the detail listener: every later event reaches it too.
 *
 * A listener added at runtime outlives the worker: Chrome keeps its registration (and its cost) when
 * the worker stops, but the next worker does not receive its events. So a starting worker reads when
 * detail capture was due to end (storage.session) and either adds the pair again or adds and removes
 * it, which is what clears the kept registration (measured: the cost goes back to the floor).
 */

/** How long detail capture lasts after the last refusal. */
export const DETAIL_CAPTURE_MS = 10 * 60_000;
/** How long both pairs stay on when detail capture stops, so no event is lost while the browser takes the change. */
export const STOP_OVERLAP_MS = 2_000;
/** An end time is saved again only when it moved by this much (a flood of refusals costs one write a minute). */
const SAVE_STEP_MS = 60_000;
const MAX_KEYS_REMEMBERED = 512;

export type ListenerSource = 'plain' | 'detail';
export type DetailEventName = 'onSendHeaders' | 'onHeadersReceived';
type State = 'off' | 'starting' | 'on' | 'stopping';

export interface DetailCaptureDeps {
  addDetailListeners(): void;
  removeDetailListeners(): void;
  /** Reads and saves the end time in storage.session (0 when none). */
  loadUntil(): Promise<number>;
  saveUntil(until: number): Promise<void>;
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  onError(message: string, error: unknown): void;
}

export class DetailCapture {
  private state: State = 'off';
  private until = 0;
  private savedUntil = 0;
  private timer: unknown = null;
  /** Per event name: started (a detail copy arrived) while starting. */
  private readonly confirmed = new Set<DetailEventName>();
  /** Events handled while both pairs deliver: `${event}|${requestId}|${timeStamp}`. */
  private readonly handled = new Set<string>();

  constructor(private readonly deps: DetailCaptureDeps) {}

  /** Whether detail capture is on (or turning on or off): for tests and the options page. */
  get active(): boolean {
    return this.state !== 'off';
  }

  /**
   * Whether to handle this copy of an event. Request id and time stamp identify the event across
   * listeners; they are remembered only while both pairs deliver.
   */
  accept(source: ListenerSource, event: DetailEventName, requestId: string, timeStamp: number): boolean {
    switch (this.state) {
      case 'off':
        return source === 'plain';
      case 'on':
        return source === 'detail';
      case 'starting':
        if (this.confirmed.has(event)) return source === 'detail' && this.firstCopy(event, requestId, timeStamp);
        if (source === 'detail') {
          this.confirmed.add(event);
          if (this.confirmed.size === 2) this.state = 'on';
        }
        return this.firstCopy(event, requestId, timeStamp);
      case 'stopping':
        return this.firstCopy(event, requestId, timeStamp);
    }
  }

  /** Whether a copy from `source` shows cookies (plain copies do not, in Chrome). */
  static cookiesVisible(source: ListenerSource): boolean {
    return source === 'detail';
  }

  /** A refusal (or a failed cross-origin API call) was seen: capture details until DETAIL_CAPTURE_MS from now. */
  trigger(): void {
    this.until = this.deps.now() + DETAIL_CAPTURE_MS;
    if (this.state === 'off' || this.state === 'stopping') this.start();
    this.schedule();
    if (this.until - this.savedUntil >= SAVE_STEP_MS) this.save();
  }

  /** At worker start: resume detail capture if it was on, else clear a registration the last worker left. */
  async restore(): Promise<void> {
    let until = 0;
    try {
      until = await this.deps.loadUntil();
    } catch (error) {
      this.deps.onError('could not read when detail capture ends', error);
    }
    if (this.state !== 'off') return; // a refusal started it meanwhile
    if (until > this.deps.now()) {
      this.until = this.savedUntil = until;
      this.start();
      this.schedule();
      return;
    }
    // Adding and removing the same listeners is what clears a registration kept from the last worker.
    try {
      this.deps.addDetailListeners();
      this.deps.removeDetailListeners();
    } catch (error) {
      this.deps.onError('could not clear the detail listeners', error);
    }
    if (until !== 0) this.save(0);
  }

  private start(): void {
    if (this.state === 'stopping') {
      // Both pairs are still on: keep them, hand over to the detail pair as when starting.
      this.state = 'starting';
      this.confirmed.clear();
      return;
    }
    this.state = 'starting';
    this.confirmed.clear();
    this.handled.clear();
    try {
      this.deps.addDetailListeners();
    } catch (error) {
      this.state = 'off';
      this.deps.onError('could not add the detail listeners', error);
    }
  }

  private schedule(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = this.deps.setTimer(() => this.expire(), Math.max(0, this.until - this.deps.now()));
  }

  private expire(): void {
    this.timer = null;
    if (this.deps.now() < this.until) {
      this.schedule();
      return;
    }
    if (this.state === 'stopping' || this.state === 'off') return;
    this.state = 'stopping';
    this.handled.clear();
    this.timer = this.deps.setTimer(() => this.finishStop(), STOP_OVERLAP_MS);
  }

  private finishStop(): void {
    this.timer = null;
    if (this.state !== 'stopping') return; // a refusal started it again
    this.state = 'off';
    this.handled.clear();
    try {
      this.deps.removeDetailListeners();
    } catch (error) {
      this.deps.onError('could not remove the detail listeners', error);
    }
    this.save(0);
  }

  private save(until = this.until): void {
    this.savedUntil = until;
    this.deps.saveUntil(until).catch((error: unknown) => this.deps.onError('could not save when detail capture ends', error));
  }

  private firstCopy(event: DetailEventName, requestId: string, timeStamp: number): boolean {
    const key = `${event}|${requestId}|${timeStamp}`;
    if (this.handled.has(key)) return false;
    this.handled.add(key);
    if (this.handled.size > MAX_KEYS_REMEMBERED) this.handled.delete(this.handled.values().next().value!);
    return true;
  }
}
