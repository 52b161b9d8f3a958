import { defineCause } from '../cause';
import { quote } from '../evidence-text';
import { Strength } from '../strength';

/** A 401 without any WWW-Authenticate header: not allowed by HTTP, typical of API gateways and frameworks. */
export const noChallenge = defineCause({
  id: 'no-challenge',
  visitorSteps: ['sign-in-again'],
  ownerSteps: 1,
  moreFixes: ['copy-report'],
  detect(view) {
    const { record } = view;
    if (record.status !== 401 || record.challenges.length > 0) return null;
    const { t } = view.context;
    const evidence = [t('ev_no_challenge')];
    if (record.hints.platform) evidence.push(t('ev_platform', [record.hints.platform]));
    if (record.hints.contentType) evidence.push(t('ev_content_type', [quote(record.hints.contentType)]));
    return { strength: Strength.POSSIBLE, evidence };
  },
});
