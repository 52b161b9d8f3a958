/** The hold-until-complete rule on its own: what goes on to the store, when, and marked how. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefusalHold } from '../../src/background/refusal-hold';
import { HANDSHAKE_GRACE_MS } from '../../src/background/worker-limits';
import type { SuccessEvent } from '../../src/capture/tab-log';
import { NOTHING_SENT } from '../../src/capture/sent-credentials';
import type { RefusalRecord } from '../../src/capture/types';
import { refusal } from '../support/records';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup() {
  const recorded: Array<{ tabId: number; record: RefusalRecord }> = [];
  const answered: Array<{ tabId: number; success: SuccessEvent }> = [];
  const hold = new RefusalHold({ record: (tabId, record) => recorded.push({ tabId, record }), answered: (tabId, success) => answered.push({ tabId, success }) });
  return { hold, recorded, answered };
}

describe('RefusalHold', () => {
  it('passes nothing on while the request is open within the grace time', async () => {
    const { hold, recorded } = setup();
    hold.hold('a', 3, refusal());
    await vi.advanceTimersByTimeAsync(HANDSHAKE_GRACE_MS - 1);
    expect(recorded).toEqual([]);
  });

  it('a success on the same request recovers every round held, and answers earlier refusals of the URL', () => {
    const { hold, recorded, answered } = setup();
    const first = refusal({ url: 'https://proxy.example/a' });
    hold.hold('a', 3, first);
    hold.hold('a', 3, refusal({ url: 'https://proxy.example/a' })); // NTLM: a second round
    hold.end('a', 5_000);
    expect(recorded.map((r) => [r.tabId, r.record.recovered])).toEqual([
      [3, { at: 5_000, how: 'same-request' }],
      [3, { at: 5_000, how: 'same-request' }],
    ]);
    expect(answered).toEqual([{ tabId: 3, success: { requestId: 'a', method: first.method, url: first.url, timeStamp: 5_000 } }]);
  });

  it('refused in the end after the browser answered a round (its retry refused too): the last round stands, once, marked retriedByBrowser', () => {
    const { hold, recorded } = setup();
    hold.hold('a', 3, refusal({ url: 'https://x.example/basic/' }));
    hold.hold('a', 3, refusal({ url: 'https://x.example/basic/' }, { sent: { ...NOTHING_SENT, authorizationScheme: 'Basic', notableHeaders: [] }, preflight: false }));
    hold.end('a', null);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.record.retriedByBrowser).toBe(true);
    expect(recorded[0]!.record.sent.authorizationScheme).toBe('Basic');
    expect(recorded[0]!.record.recovered).toBeNull();
  });

  it('a request that ends refused or failed passes its refusal on at once, unrecovered', () => {
    const { hold, recorded, answered } = setup();
    hold.hold('a', 3, refusal());
    hold.end('a', null);
    expect(recorded.map((r) => r.record.recovered)).toEqual([null]);
    expect(answered).toEqual([]);
  });

  it('releases a refusal still open after the grace time (a dialog), and a late success still answers it', async () => {
    const { hold, recorded, answered } = setup();
    hold.hold('a', 3, refusal());
    await vi.advanceTimersByTimeAsync(HANDSHAKE_GRACE_MS);
    expect(recorded.map((r) => r.record.recovered)).toEqual([null]);
    hold.end('a', 9_000);
    expect(recorded).toHaveLength(1); // not recorded twice
    expect(answered.map((a) => a.success.timeStamp)).toEqual([9_000]);
  });

  it('an end delivered before its refusal judges the refusal as soon as it arrives', () => {
    const { hold, recorded } = setup();
    hold.end('a', 4_000);
    hold.end('b', null);
    hold.hold('a', 3, refusal());
    hold.hold('b', 3, refusal());
    expect(recorded.map((r) => r.record.recovered)).toEqual([{ at: 4_000, how: 'same-request' }, null]);
  });

  it('an end with nothing held is remembered for a bounded number of requests only', () => {
    const { hold, recorded } = setup();
    for (let i = 0; i < 10_000; i++) hold.end(`x${i}`, 1);
    hold.hold('x0', 3, refusal()); // long forgotten: held as usual
    expect(recorded).toEqual([]);
    hold.hold('x9999', 3, refusal()); // recent: judged at once
    expect(recorded).toHaveLength(1);
  });

  describe('a password challenge Chromium answered out of sight (answered-out-of-sight.ts)', () => {
    const basic = (overrides = {}) => refusal({ responseHeaders: [{ name: 'WWW-Authenticate', value: 'Basic realm="Files"' }], ...overrides });
    const chromium = () => {
      const recorded: RefusalRecord[] = [];
      const hold = new RefusalHold({ record: (_tabId, record) => recorded.push(record), answered: () => {} }, true);
      return { hold, recorded };
    };

    it('refused in one round without the browser asking anyone: marked answeredOutOfSight', () => {
      const { hold, recorded } = chromium();
      hold.hold('a', 3, basic());
      hold.end('a', null);
      expect(recorded.map((r) => r.answeredOutOfSight)).toEqual([true]);
    });

    it('the browser asked (onAuthRequired: a sign-in dialog): not marked, whatever came after', () => {
      const { hold, recorded } = chromium();
      hold.hold('a', 3, basic());
      hold.askedForCredentials('a');
      hold.end('a', null);
      expect(recorded.map((r) => r.answeredOutOfSight)).toEqual([undefined]);
    });

    it('never for a Bearer challenge, a cross-origin call, an image, or in Firefox (which shows its answer as a second round)', () => {
      const cases = [
        refusal(),
        basic({ initiator: 'https://other.example' }),
        basic({ type: 'image' }),
      ];
      const { hold, recorded } = chromium();
      cases.forEach((record, i) => {
        hold.hold(`c${i}`, 3, record);
        hold.end(`c${i}`, null);
      });
      const { hold: firefox, recorded: firefoxRecorded } = setup();
      firefox.hold('f', 3, basic());
      firefox.end('f', null);
      expect([...recorded, ...firefoxRecorded.map((r) => r.record)].map((r) => r.answeredOutOfSight)).toEqual([undefined, undefined, undefined, undefined]);
    });
  });
});
