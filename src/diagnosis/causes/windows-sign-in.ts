import { defineCause } from '../cause';
import { schemeLabel, schemeNames } from '../evidence-text';
import { Strength } from '../strength';

export const WINDOWS_SCHEMES = ['negotiate', 'ntlm', 'kerberos'];

/** Negotiate / NTLM / Kerberos: Windows domain sign-in. */
export const windowsSignIn = defineCause({
  id: 'windows-sign-in',
  visitorSteps: [null, null],
  moreFixes: ['reload'],
  ownerSteps: 1,
  detect(view) {
    const windows = view.challenges.filter((c) => WINDOWS_SCHEMES.includes(c.schemeKey));
    if (windows.length === 0) return null;
    const { t } = view.context;
    const offered = schemeNames(windows, t);
    const sent = view.record.sent.authorizationScheme?.toLowerCase();
    const tried = sent !== undefined && WINDOWS_SCHEMES.includes(sent);
    const evidence = [t('ev_windows_asked', [offered.join(', ')])];
    if (tried) evidence.push(t('ev_windows_refused', [schemeLabel(view.record.sent, t)]));
    else if (view.record.sent.observed) evidence.push(t('ev_windows_not_tried'));
    return { strength: tried ? Strength.FITS : Strength.CLEAR, evidence };
  },
});
