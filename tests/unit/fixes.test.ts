/** The popup's fix table (src/popup/fixes.ts): one entry per fix a cause can name, each running on the click itself. */
import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/diagnosis/causes';
import { type FixContext, FIXES, fixOf, siteToOpen, UNAVAILABLE_ON_ANDROID, unavailableReason } from '../../src/popup/fixes';
import { diagnose } from '../../src/diagnosis/diagnose';
import { createTabLog } from '../../src/capture/tab-log';
import { NOW, recordFor, SCENARIOS } from '../support/scenarios';
import { en } from '../../dev/i18n';
import { mockConnector } from '../support/mock-connector';

const EMPTY = { causes: [], headerProblems: [], considered: 0 };

function context(): { context: FixContext; calls: string[] } {
  const connector = mockConnector({ log: null, diagnosis: EMPTY, previousDiagnosis: null });
  const context: FixContext = {
    tabId: 7,
    explainedPage: 'https://app.example/',
    log: null,
    diagnosis: EMPTY,
    record: null,
    https: null,
    platform: 'desktop',
    actions: connector.actions,
    t: en,
    askToConfirmClear: () => {},
    onProxyRead: () => {},
  };
  return { context, calls: connector.calls };
}

describe('the fix table', () => {
  it('has one entry per id, each with its own label', () => {
    const ids = FIXES.map((fix) => fix.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(FIXES.map((fix) => fix.label)).size).toBe(ids.length);
  });

  it('has an entry for every fix a cause names', () => {
    const named = new Set(CAUSES.flatMap((cause) => [...cause.visitorSteps, ...(cause.moreFixes ?? [])]).filter((fix) => fix !== null));
    expect(named.size).toBeGreaterThan(0);
    for (const id of named) expect(FIXES.map((fix) => fix.id) as string[], id).toContain(id);
  });

  // Firefox accepts a permission request only while the click handler runs: no await may come first.
  it.each([
    ['clear-site-data', 'plan-clear'],
    ['check-proxy', 'check-proxy'],
  ] as const)('%s calls its permission-asking action synchronously, on the click', (id, action) => {
    const { context: ctx, calls } = context();
    void fixOf(id).run(ctx);
    expect(calls).toEqual([action]);
  });

  it('offers the https switch only with an https address, and curl only with a record', () => {
    const { context: ctx } = context();
    expect(fixOf('open-https').available?.(ctx)).toBe(false);
    expect(fixOf('open-https').available?.({ ...ctx, https: 'https://app.example/' })).toBe(true);
    expect(fixOf('copy-curl').available?.(ctx)).toBe(false);
    expect(fixOf('reload').available).toBeUndefined();
  });

  it("opens the refused embedded request's site in a tab of its own, only when a cause offers it", async () => {
    const { context: ctx, calls } = context();
    expect(fixOf('open-sign-in-site').available?.(ctx)).toBe(false);
    const record = recordFor(SCENARIOS.find((s) => s.name.startsWith('embedded sign-in frame'))!);
    const log = { ...createTabLog(7), pageUrl: 'https://app.example/', records: [record] };
    const diagnosis = diagnose(log.records, { now: NOW, pageUrl: log.pageUrl, t: en });
    expect(siteToOpen({ diagnosis, log })).toBe('https://login.idp.example');
    expect(fixOf('open-sign-in-site').available?.({ ...ctx, log, diagnosis })).toBe(true);
    await fixOf('open-sign-in-site').run({ ...ctx, log, diagnosis });
    expect(calls).toEqual(['open-sign-in-site']);
  });

  it('Firefox for Android: the clear and the proxy check say why they cannot run there; every other fix runs', () => {
    expect(Object.keys(UNAVAILABLE_ON_ANDROID).sort()).toEqual(['check-proxy', 'clear-site-data']);
    for (const fix of FIXES) {
      expect(unavailableReason(fix.id, 'desktop'), fix.id).toBeNull();
      const reason = unavailableReason(fix.id, 'android');
      if (fix.id in UNAVAILABLE_ON_ANDROID) expect(en(reason!), fix.id).toContain('Firefox for Android');
      else expect(reason, fix.id).toBeNull();
    }
  });
});
