/**
 * The causes registry (src/diagnosis/causes/index.ts) is complete and every cause is exercised:
 * a file in causes/ left out of the list, or a cause no scenario names, fails here.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CauseDefinition } from '../../src/diagnosis/cause';
import { CAUSES, type CauseId } from '../../src/diagnosis/causes';
import { diagnose } from '../../src/diagnosis/diagnose';
import { en } from '../../dev/i18n';
import { NOW, recordFor, SCENARIOS, type Scenario } from '../support/scenarios';

/** Causes that support another cause rather than lead: where each shows up (their scenario names another first). */
const SUPPORTING: Partial<Record<CauseId, Scenario>> = {
  'server-config': { name: 'Apache Basic', event: { type: 'main_frame' }, challenge: ['Basic realm="Private"'], headers: [{ name: 'Server', value: 'Apache/2.4.62' }], expectTop: 'no-credentials' },
  'endpoint-permissions': SCENARIOS.find((s) => s.name.startsWith('one endpoint')),
  'stale-cookies': SCENARIOS.find((s) => s.expectTop === 'session-expired'),
  'proxy-strips-auth': { name: 'via', challenge: ['Bearer realm="api"'], headers: [{ name: 'Via', value: '1.1 corp-proxy' }], sent: [{ name: 'Authorization', value: 'Bearer t' }], expectTop: 'credentials-rejected' },
};

describe('the causes registry', () => {
  it('lists every file in causes/, each file holding the cause its name says', async () => {
    const files = readdirSync('src/diagnosis/causes').filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.length).toBe(CAUSES.length);
    for (const file of files) {
      const module = (await import(`../../src/diagnosis/causes/${file}`)) as Record<string, unknown>;
      const defined = Object.values(module).filter((value): value is CauseDefinition => typeof value === 'object' && value !== null && 'detect' in value);
      expect(defined.map((cause) => cause.id), file).toEqual([file.replace(/\.ts$/, '')]);
      expect(CAUSES as readonly unknown[], `${file} is not listed in causes/index.ts`).toContain(defined[0]);
    }
  });

  it.each(CAUSES.map((cause) => cause.id))('%s is named by a scenario', (id) => {
    const leading = SCENARIOS.filter((s) => s.expectTop === id);
    const scenarios = leading.length ? leading : [SUPPORTING[id]].filter((s): s is Scenario => s !== undefined);
    expect(scenarios.length, `no scenario names ${id}: add one to tests/support/scenarios.ts`).toBeGreaterThan(0);
    for (const scenario of scenarios) {
      const diagnosis = diagnose([recordFor(scenario)], { now: NOW, pageUrl: scenario.pageUrl ?? 'https://app.example/', t: en });
      expect(diagnosis.causes.map((c) => c.id)).toContain(id);
    }
  });

  it('exactly one cause takes the challenges the parser found malformed', () => {
    expect(CAUSES.filter((cause) => (cause as CauseDefinition).takesMalformedChallenges).map((cause) => cause.id)).toEqual(['server-config']);
  });

  it("each cause's fixes are its steps' fixes first, without repeats", () => {
    for (const scenario of SCENARIOS) {
      const [top] = diagnose([recordFor(scenario)], { now: NOW, pageUrl: scenario.pageUrl ?? 'https://app.example/', t: en }).causes;
      const stepFixes = top!.visitorSteps.map((s) => s.fix).filter((f) => f !== null);
      expect(top!.fixes.slice(0, new Set(stepFixes).size)).toEqual([...new Set(stepFixes)]);
      expect(new Set(top!.fixes).size).toBe(top!.fixes.length);
    }
  });
});
