/**
 * A tab's sign-in flow in plain words for the popup: one sentence saying where it went wrong (or that
 * it worked), who can fix it, the provider's words and look-up page, then one row per hop.
 * Server words (error codes, descriptions, URIs) enter sentences only as quotes (evidence-text quote).
 */
import type { FlowOutcome, SignInFlow } from '../capture/sign-in-flow';
import type { HopKind, SignInHop } from '../capture/sign-in-hop';
import { visible } from '../capture/visible-text';
import { quote } from '../diagnosis/evidence-text';
import { type Fixer, type ProviderErrorReading, readProviderError } from '../diagnosis/sign-in/provider-error';
import type { Translate } from '../diagnosis/translate';

/** A finished flow is told for this long; after that the tab's popup no longer shows it. */
export const STORY_SHOWN_MS = 30 * 60_000;

export interface HopRow {
  label: string;
  /** Method, status and where the parameters came from, in our words. */
  facts: string;
  url: string;
}

export interface SignInStory {
  tone: 'failed' | 'ok' | 'under-way';
  outcome: FlowOutcome;
  headline: string;
  fixer: string | null;
  /** The provider's own words (a quote), when it sent some. */
  providerWords: string[];
  /** The provider's look-up page for its code: built by us, for the person to open. */
  lookup: { url: string; label: string } | null;
  hops: HopRow[];
  dropped: number;
  fromPopup: boolean;
}

const FIXER_KEYS: Record<Fixer, string> = {
  you: 'signin_fixer_you',
  admin: 'signin_fixer_admin',
  site: 'signin_fixer_site',
  provider: 'signin_fixer_provider',
};

const HOP_KEYS: Record<HopKind, string> = {
  authorize: 'signin_hop_authorize',
  callback: 'signin_hop_callback',
  token: 'signin_hop_token',
  userinfo: 'signin_hop_userinfo',
  'saml-request': 'signin_hop_saml_request',
  'saml-response': 'signin_hop_saml_response',
  'wsfed-signin': 'signin_hop_wsfed_signin',
  'wsfed-result': 'signin_hop_wsfed_result',
  'form-return': 'signin_hop_form_return',
  page: 'signin_hop_page',
};

/** Every message key this module takes from a table (checked by the tests against each catalog). */
export const SIGN_IN_TABLE_KEYS: readonly string[] = [...Object.values(FIXER_KEYS), ...Object.values(HOP_KEYS)];

function hopFacts(hop: SignInHop, t: Translate): string {
  const facts: string[] = [hop.method];
  if (hop.status !== null) facts.push(String(hop.status));
  if (hop.responseType) facts.push(`response_type ${hop.responseType}`);
  if (hop.prompt) facts.push(`prompt ${hop.prompt}`);
  if (hop.returnHost) facts.push(t('signin_hop_returns_to', [visible(hop.returnHost)]));
  if (hop.kind === 'callback') facts.push(hop.error ? t('signin_hop_with_error', [quote(hop.error.code)]) : t('signin_hop_with_result'));
  if (hop.fromFragment) facts.push(t('signin_hop_in_fragment'));
  if (hop.inFrame) facts.push(t('signin_hop_in_frame'));
  return facts.join(' · ');
}

/** The error the flow came back with (its last callback's), read. */
function errorOf(flow: SignInFlow): { hop: SignInHop; reading: ProviderErrorReading } | null {
  for (let i = flow.hops.length - 1; i >= 0; i--) {
    const hop = flow.hops[i]!;
    if (hop.error) return { hop, reading: readProviderError(hop.error) };
  }
  return null;
}

function headline(flow: SignInFlow, t: Translate): { text: string; fixer: Fixer | null; reading: ProviderErrorReading | null; hop: SignInHop | null } {
  const provider = visible(flow.providerHost ?? flow.hops[0]?.host ?? t('signin_unknown_provider'));
  const app = visible(flow.appHost ?? t('signin_unknown_site'));
  switch (flow.outcome) {
    case 'provider-error': {
      const found = errorOf(flow);
      if (!found) break;
      const { hop, reading } = found;
      const said = reading.providerCode ? `${quote(hop.error!.code)} (${reading.providerCode})` : quote(hop.error!.code);
      return { text: t('signin_failed_error', [provider, app, said, t(reading.meaning)]), fixer: reading.fixer, reading, hop };
    }
    case 'provider-refused': {
      const refused = [...flow.hops].reverse().find((hop) => hop.status !== null && hop.status >= 400);
      return { text: t('signin_failed_provider_page', [provider, String(refused?.status ?? ''), app]), fixer: 'site', reading: null, hop: null };
    }
    case 'site-refused': {
      const refused = [...flow.hops].reverse().find((hop) => hop.status !== null && hop.status >= 400);
      return { text: t('signin_failed_site', [provider, app, String(refused?.status ?? '')]), fixer: 'site', reading: null, hop: null };
    }
    case 'signed-in':
      return { text: t('signin_ok', [provider, app]), fixer: null, reading: null, hop: null };
    case 'returned':
      return { text: t('signin_returned_form', [provider, app]), fixer: null, reading: null, hop: null };
    case 'under-way':
      break;
  }
  return { text: t('signin_under_way', [provider, app]), fixer: null, reading: null, hop: null };
}

/** The story of the tab's sign-in flow, or null when there is none to tell (none, or ended long ago). */
export function signInStory(flow: SignInFlow | null, t: Translate, now: number): SignInStory | null {
  if (!flow || flow.hops.length === 0) return null;
  if (flow.outcome !== 'under-way' && now - flow.updatedAt > STORY_SHOWN_MS) return null;
  const { text, fixer, reading, hop } = headline(flow, t);
  const providerWords: string[] = [];
  if (hop?.error?.description) providerWords.push(t('signin_provider_wrote', [quote(hop.error.description)]));
  if (hop?.error?.uri) providerWords.push(t('signin_provider_uri', [quote(hop.error.uri)]));
  return {
    tone: flow.outcome === 'signed-in' || flow.outcome === 'returned' ? 'ok' : flow.outcome === 'under-way' ? 'under-way' : 'failed',
    outcome: flow.outcome,
    headline: text,
    fixer: fixer ? t(FIXER_KEYS[fixer]) : null,
    providerWords,
    lookup: reading?.lookup && reading.providerCode ? { url: reading.lookup, label: t('signin_lookup', [reading.providerCode]) } : null,
    hops: flow.hops.map((hop) => ({ label: t(HOP_KEYS[hop.kind], [visible(hop.host)]), facts: hopFacts(hop, t), url: visible(hop.url) })),
    dropped: flow.dropped,
    fromPopup: flow.fromPopup,
  };
}
