import type { Translate } from './translate';
import type { CauseId } from './types';

export interface CauseText {
  title: string;
  /** What the person who hit the 401 can do. */
  visitor: string[];
  /** What the site's owner or developer should check. */
  owner: string[];
}

/**
 * Every cause with how many visitor and owner steps it has. The words live in _locales
 * (`cause_<id>_title`, `cause_<id>_visitor_<n>`, `cause_<id>_owner_<n>`); the rules supply the evidence.
 * The order here breaks ties between equally scored causes (more specific first).
 */
export const CAUSE_STEPS: Record<CauseId, [visitor: number, owner: number]> = {
  'proxy-auth': [3, 1],
  'auth-dropped-on-redirect': [1, 2],
  'cors-preflight': [1, 3],
  'registry-token': [2, 2],
  'step-up-required': [1, 1],
  'dpop-nonce': [1, 1],
  'insufficient-scope': [2, 2],
  'token-expired': [1, 2],
  'token-not-yet-valid': [1, 1],
  'clock-skew': [1, 1],
  'digest-stale': [1, 1],
  'windows-sign-in': [2, 1],
  'sign-in-loop': [2, 1],
  'credentials-rejected': [2, 1],
  'wrong-scheme': [1, 1],
  'session-expired': [2, 1],
  'no-credentials': [1, 1],
  wordpress: [2, 3],
  'third-party': [2, 1],
  'insecure-http': [1, 1],
  'no-challenge': [1, 1],
  'server-config': [1, 1],
  'endpoint-permissions': [1, 1],
  'stale-cookies': [1, 1],
  'proxy-strips-auth': [1, 1],
};

/** The title and steps of a cause, in the reader's language. */
export function causeText(id: CauseId, t: Translate): CauseText {
  const key = `cause_${id.replace(/-/g, '_')}`;
  const [visitor, owner] = CAUSE_STEPS[id];
  return {
    title: t(`${key}_title`),
    visitor: Array.from({ length: visitor }, (_, i) => t(`${key}_visitor_${i + 1}`)),
    owner: Array.from({ length: owner }, (_, i) => t(`${key}_owner_${i + 1}`)),
  };
}
