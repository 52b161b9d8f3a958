
import { defineCause } from '../cause';
import { quote, siteOf } from '../evidence-text';
import { Strength } from '../strength';

/** One endpoint refused while the page itself loaded with the same session: that endpoint's rules differ. */
export const endpointPermissions = defineCause({
  id: 'endpoint-permissions',
  visitorSteps: [null],
  ownerSteps: 1,
  moreFixes: ['copy-report'],
  detect(view) {
    const { record, siblings, context } = view;
    if (record.resourceType === 'main_frame' || record.preflight) return null;
    if (siblings.some((r) => r.resourceType === 'main_frame')) return null;
    const sameSite = siteOf(record.url) !== null && siteOf(record.url) === siteOf(context.pageUrl);
    if (!sameSite || (view.answer !== 'authorization' && view.answer !== 'cookies')) return null;
    return { strength: Strength.HINT, evidence: [context.t('ev_endpoint', [quote(record.url)])] };
  },
});
