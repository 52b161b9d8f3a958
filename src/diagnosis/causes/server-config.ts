import { defineCause } from '../cause';
import { quote } from '../evidence-text';
import { Strength } from '../strength';
import { WINDOWS_SCHEMES } from './windows-sign-in';

/**
 * Hints for the site owner from the server software and the challenge. (A malformed challenge is
 * added to this cause by diagnose(), from what the parser found wrong.)
 */
export const serverConfig = defineCause({
  id: 'server-config',
  visitorSteps: [null],
  ownerSteps: 1,
  moreFixes: ['copy-report'],
  takesMalformedChallenges: true,
  detect(view) {
    const { t } = view.context;
    const server = view.record.server?.toLowerCase() ?? '';
    const realm = view.challenges.find((c) => c.params.realm !== undefined)?.params.realm;
    const evidence: string[] = [];
    if (view.record.server) evidence.push(t('ev_server', [quote(view.record.server)]));
    if (realm !== undefined) evidence.push(t('ev_realm', [quote(realm)]));
    let hint = false;
    if (view.schemes.has('basic') || view.schemes.has('digest')) {
      if (server.includes('apache')) evidence.push(t('ev_apache'));
      else if (server.includes('nginx')) evidence.push(t('ev_nginx'));
      hint = server.includes('apache') || server.includes('nginx');
    }
    if (server.includes('microsoft-iis') && view.challenges.some((c) => WINDOWS_SCHEMES.includes(c.schemeKey))) {
      evidence.push(t('ev_iis'));
      hint = true;
    }
    return hint ? { strength: Strength.WEAK, evidence } : null;
  },
});
