import { describe, expect, it } from 'vitest';
import { createTabLog } from '../../src/capture/tab-log';
import { trimLog } from '../../src/capture/trim-log';
import { diagnose } from '../../src/diagnosis/diagnose';
import { en } from '../../dev/i18n';
import { jarCookie, jarFacts, NOW, recordFor, SCENARIOS } from '../support/scenarios';

describe('trimLog', () => {
  it("keeps of the jar's facts what the cookie causes lead with", () => {
    const scenario = SCENARIOS.find((s) => s.expectTop === 'session-cookie-ended')!;
    const record = recordFor(scenario);
    const departures = [...record.jar!.departures, ...[1, 2, 3].map((i) => ({ ...record.jar!.departures[0]!, name: `old_session${i}`, at: NOW - i * 3_600_000 }))];
    record.jar = jarFacts({ signIn: Array.from({ length: 8 }, (_, i) => jarCookie({ name: `session${i}` })), departures });
    const log = { ...createTabLog(1), records: [record] };
    expect(trimLog(log)).toBe(true);
    expect(log.records[0]!.jar!.signIn).toHaveLength(3);
    expect(log.records[0]!.jar!.departures.map((d) => d.name)).toEqual(['sid']);
    expect(diagnose(log.records, { now: NOW, pageUrl: null, t: en }).causes[0]!.id).toBe('session-cookie-ended');
  });
});
