import { defineCause } from '../cause';
import { quote } from '../evidence-text';
import { Strength } from '../strength';

/** The browser's CORS preflight (OPTIONS) was refused: servers must answer it without credentials. */
export const corsPreflight = defineCause({
  id: 'cors-preflight',
  visitorSteps: ['copy-report'],
  ownerSteps: 3,
  detect(view) {
    if (!view.record.preflight) return null;
    const { t } = view.context;
    return { strength: Strength.SAID, evidence: [t('ev_preflight', [quote(view.record.url), view.record.status]), t('ev_preflight_rule')] };
  },
});
