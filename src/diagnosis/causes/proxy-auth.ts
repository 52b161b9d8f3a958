import { defineCause } from '../cause';
import { quote } from '../evidence-text';
import { offeredSchemes } from '../record-view';
import { Strength } from '../strength';

/** A proxy between this browser and the site wants its own sign-in (407). */
export const proxyAuth = defineCause({
  id: 'proxy-auth',
  visitorSteps: ['reload', 'check-proxy', null],
  ownerSteps: 1,
  detect(view) {
    if (view.record.status !== 407) return null;
    const { t } = view.context;
    const offered = offeredSchemes(view);
    const realm = view.challenges[0]?.params.realm;
    return { strength: Strength.SAID, evidence: [offered ? t('ev_proxy_asks', [offered]) : t('ev_proxy'), ...(realm ? [t('ev_proxy_realm', [quote(realm)])] : [])] };
  },
});
