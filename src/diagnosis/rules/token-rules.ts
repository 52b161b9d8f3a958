import { sentAuthorization } from '../../capture/sent-credentials';
import { duration, quote, schemeLabel, utcTime } from '../evidence-text';
import type { Finding, RecordView } from '../types';

const SKEW_TOLERANCE_SECONDS = 300;

/** The server's idea of "now" in seconds: its Date header when given, else this computer's clock at capture. */
function serverNow(view: RecordView): number {
  return view.record.firstSeen / 1000 + (view.clockSkewSeconds ?? 0);
}

function bearerError(view: RecordView): string | null {
  return view.bearer?.error?.toLowerCase() ?? null;
}

function describedAs(view: RecordView): string[] {
  const description = view.bearer?.error_description;
  return description ? [view.context.t('ev_server_description', [quote(description)])] : [];
}

/** RFC 6750 / 9470 / 9449 error codes the server states outright. */
export function statedTokenErrors(view: RecordView): Finding[] {
  const { t } = view.context;
  const error = bearerError(view);
  const found: Finding[] = [];
  const said = error ? [t('ev_server_error', [quote(error)]), ...describedAs(view)] : [];
  if (error === 'insufficient_scope') {
    const scope = view.bearer?.scope;
    found.push({ cause: 'insufficient-scope', score: 92, evidence: [...said, ...(scope ? [t('ev_needs_scope', [quote(scope)])] : [])] });
  }
  if (error === 'insufficient_user_authentication' || (view.bearer && ('acr_values' in view.bearer || 'max_age' in view.bearer) && error !== 'invalid_token')) {
    const extra: string[] = [];
    if (view.bearer?.acr_values) extra.push(t('ev_acr_values', [quote(view.bearer.acr_values)]));
    if (view.bearer?.max_age) extra.push(t('ev_max_age', [quote(view.bearer.max_age)]));
    found.push({ cause: 'step-up-required', score: 95, evidence: [...said, ...extra] });
  }
  if (error === 'use_dpop_nonce' || (view.schemes.has('dpop') && view.record.hints.dpopNonce)) {
    const extra = view.record.hints.dpopNonce ? [t('ev_dpop_nonce_header')] : [];
    found.push({ cause: 'dpop-nonce', score: 90, evidence: [...said, ...extra] });
  }
  const nothingSent = view.record.sent.observed && !sentAuthorization(view.record.sent);
  if ((error === 'invalid_token' || error === 'invalid_dpop_proof') && nothingSent) {
    found.push({ cause: 'no-credentials', score: 78, evidence: [...said, t('ev_token_not_attached')] });
  } else if (error === 'invalid_token' || error === 'invalid_dpop_proof') {
    const expiredWords = /expir/i.test(view.bearer?.error_description ?? '');
    if (expiredWords) found.push({ cause: 'token-expired', score: 90, evidence: said });
    else found.push({ cause: 'credentials-rejected', score: 78, evidence: [...said, t('ev_token_refused')] });
  }
  if (error === 'invalid_request') {
    found.push(
      sentAuthorization(view.record.sent)
        ? { cause: 'credentials-rejected', score: 70, evidence: [...said, t('ev_request_malformed', [schemeLabel(view.record.sent, t)])] }
        : { cause: 'no-credentials', score: 80, evidence: [...said, t('ev_no_authorization')] },
    );
  }
  return found;
}

/** What the token itself says about its validity window, judged against the server's clock. */
export function tokenValidity(view: RecordView): Finding[] {
  const token = view.record.sent.token;
  if (token?.format !== 'jwt') return [];
  const { t } = view.context;
  const now = serverNow(view);
  const clock = view.clockSkewSeconds === null ? t('ev_clock_local') : t('ev_clock_server');
  const found: Finding[] = [];
  if (token.expiresAt !== null && token.expiresAt <= now) {
    found.push({
      cause: 'token-expired',
      score: 93,
      evidence: [t('ev_token_expired', [duration(now - token.expiresAt, t), utcTime(token.expiresAt), clock])],
    });
  }
  if (token.notBefore !== null && token.notBefore > now + 60) {
    found.push({
      cause: 'token-not-yet-valid',
      score: 88,
      evidence: [t('ev_token_not_yet_valid', [duration(token.notBefore - now, t), utcTime(token.notBefore), clock])],
    });
  }
  return found;
}

/** This computer's clock differs from the server's: tokens and cookies look expired or not yet valid. */
export function clockSkew(view: RecordView): Finding[] {
  const skew = view.clockSkewSeconds;
  if (skew === null || Math.abs(skew) <= SKEW_TOLERANCE_SECONDS) return [];
  const { t } = view.context;
  const evidence = [t(skew > 0 ? 'ev_clock_behind' : 'ev_clock_ahead', [duration(skew, t), quote(view.record.date ?? '')])];
  const token = view.record.sent.token;
  const local = view.record.firstSeen / 1000;
  // A token that is valid by one clock and not by the other makes the skew the likely cause.
  const flips =
    token?.format === 'jwt' &&
    ((token.expiresAt !== null && (token.expiresAt <= local) !== (token.expiresAt <= local + skew)) ||
      (token.notBefore !== null && (token.notBefore > local) !== (token.notBefore > local + skew)));
  if (flips) evidence.push(t('ev_clock_flips'));
  return [{ cause: 'clock-skew', score: flips ? 95 : 65, evidence }];
}
