import { sentAuthorization } from '../capture/sent-credentials';
import type { BodyError, RefusalRecord } from '../capture/types';
import { quote } from './evidence-text';
import type { RecordView } from './record-view';
import type { Translate } from './translate';

/** The server's own words for a Bearer/DPoP error (RFC 6750 §3): its code and description. */
export function statedError(view: RecordView): string[] {
  if (!view.bearerError) return [];
  const { t } = view.context;
  const description = view.bearer?.error_description;
  return [t('ev_server_error', [quote(view.bearerError)]), ...(description ? [t('ev_server_description', [quote(description)])] : [])];
}

/**
 * What the response body stated as its error (`{"error":"invalid_grant"}`, `{"message":"Bad credentials"}`),
 * when DevTools or a HAR showed the body: the server's own words, quoted, for every cause that
 * explains this request. The worker never reads bodies, so the popup's records have none.
 */
export function bodyWords(record: { bodyError?: BodyError | null }, t: Translate): string[] {
  const said = record.bodyError;
  if (!said) return [];
  const words = [said.code, said.message].filter((part): part is string => part !== null).map(quote);
  return words.length ? [t('ev_server_body', [words.join(' · ')])] : [];
}

/** The request's headers were seen and it carried no Authorization header at all. */
export function nothingSent(view: RecordView): boolean {
  return view.record.sent.observed && !sentAuthorization(view.record.sent);
}

/**
 * A reason the server's own words name for refusing a token (its `error_description`), read from
 * the wording servers and identity providers use. The cause that owns a reason leads with it,
 * quoting the server, and a weaker general reading ("your credentials were refused") gives way.
 */
export type StatedReason = 'not-yet-valid' | 'expired' | 'audience' | 'issuer' | 'signature' | 'revoked' | 'clock' | 'not-assigned';

const REASON_WORDS: ReadonlyArray<readonly [StatedReason, RegExp]> = [
  ['not-yet-valid', /not (?:yet )?valid (?:yet|before|until)|\bnbf\b|not before|before (?:its|the) (?:valid|start)|used before/i],
  ['clock', /\bclock|\bskew\b/i],
  ['expired', /expir|lifetime validation failed/i],
  ['audience', /\baud(?:ience)?\b|AADSTS500011|IDX10214/i],
  ['issuer', /\biss(?:uer)?\b|IDX10205/i],
  ['signature', /signature|IDX10503|IDX10511/i],
  ['revoked', /revoked|deactivated|blocklisted|blacklisted/i],
  ['not-assigned', /not assigned|AADSTS50105|not (?:been )?granted access|not allowed to (?:use|access) (?:this )?(?:app|application|client)/i],
];

/** The reason the server's description names, if any (the first that matches, most specific first). */
export function statedReason(view: Pick<RecordView, 'bearer'> & { record?: Pick<RefusalRecord, 'bodyError'> }): StatedReason | null {
  // A body's message is the same kind of sentence (`{"error":"invalid_token","message":"Token expired"}`).
  const description = view.bearer?.error_description ?? view.record?.bodyError?.message;
  if (!description) return null;
  for (const [reason, words] of REASON_WORDS) if (words.test(description)) return reason;
  return null;
}

/** The reason the server names for refusing a token that was sent (`invalid_token`, `invalid_dpop_proof`), if it names one. */
export function tokenRefusedFor(view: RecordView): StatedReason | null {
  const refused = (view.bearerError === 'invalid_token' || view.bearerError === 'invalid_dpop_proof') && !nothingSent(view);
  return refused ? statedReason(view) : null;
}
