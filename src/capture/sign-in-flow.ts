/**
 * A tab's sign-in flow: the hops from the request to an identity provider to the page the person
 * came back to, and how it ended. Pure; the worker (background/sign-in-watcher.ts) feeds it the
 * frames' redirects and final responses, and callback fragments from navigation.
 */
import { returnsFromSignIn, type SignInHop, type SignInProtocol, startsSignIn } from './sign-in-hop';

/** Hops kept per flow: the first (where it started) and the latest; the ones between are counted. */
export const MAX_FLOW_HOPS = 12;
/** A flow that has not come back after this long is over: the next sign-in starts a new one. */
export const FLOW_IDLE_MS = 10 * 60_000;

/**
 * `under-way`: sent to the provider, not back yet. `signed-in`: came back with a result. `returned`:
 * came back by a form post (what it carried, a code or an assertion, travels in the body, which is not read).
 * `provider-error`: came back with an error. `provider-refused`: the provider answered the sign-in
 * request itself with an error status (its own error page: it could not even send the person back).
 * `site-refused`: came back without an error, but the site's page for the way back refused or failed.
 */
export type FlowOutcome = 'under-way' | 'signed-in' | 'returned' | 'provider-error' | 'provider-refused' | 'site-refused';

export interface SignInFlow {
  startedAt: number;
  updatedAt: number;
  protocol: SignInProtocol | null;
  /** The provider's host: where the first sign-in request went. */
  providerHost: string | null;
  /** The site's host: where the provider was asked to send the person back, or where they came back to. */
  appHost: string | null;
  hops: SignInHop[];
  /** Hops left out between the first and the latest ones kept. */
  dropped: number;
  outcome: FlowOutcome;
  /** The page after the way back was seen: the flow takes no more hops. */
  landed: boolean;
  /** Followed in a sign-in window this tab opened (`window.open`). */
  fromPopup: boolean;
}

function newFlow(hop: SignInHop): SignInFlow {
  return {
    startedAt: hop.at,
    updatedAt: hop.at,
    protocol: hop.protocol,
    providerHost: startsSignIn(hop) ? hop.host : null,
    appHost: hop.returnHost ?? (returnsFromSignIn(hop) ? hop.host : null),
    hops: [],
    dropped: 0,
    outcome: 'under-way',
    landed: false,
    fromPopup: false,
  };
}

/** The outcome once this hop is part of the flow. */
function outcomeAfter(flow: SignInFlow, hop: SignInHop): FlowOutcome {
  if (flow.outcome !== 'under-way' && !returnsFromSignIn(hop)) return flow.outcome;
  if (startsSignIn(hop)) return hop.status !== null && hop.status >= 400 ? 'provider-refused' : 'under-way';
  if (returnsFromSignIn(hop)) {
    if (hop.error) return 'provider-error';
    return hop.status !== null && hop.status >= 400 ? 'site-refused' : 'signed-in';
  }
  if (hop.kind === 'form-return') return hop.status !== null && hop.status >= 400 ? 'site-refused' : 'returned';
  return flow.outcome;
}

/** The flow with `hop` appended (or merged into the latest hop when both are the same URL), bounded. */
function withHop(flow: SignInFlow, hop: SignInHop): SignInFlow {
  const hops = [...flow.hops];
  let dropped = flow.dropped;
  const last = hops[hops.length - 1];
  // The same document seen twice (its response, then its fragment from navigation, in either order): one hop.
  if (last && last.url === hop.url && (last.kind === 'page' || hop.kind === 'page' || last.kind === hop.kind)) {
    const kept = hop.kind === 'page' ? last : hop;
    hops[hops.length - 1] = { ...kept, status: hop.status ?? last.status };
  } else {
    hops.push(hop);
    if (hops.length > MAX_FLOW_HOPS) {
      hops.splice(1, 1);
      dropped++;
    }
  }
  const merged = hops[hops.length - 1]!;
  const next: SignInFlow = { ...flow, hops, dropped, updatedAt: Math.max(flow.updatedAt, hop.at) };
  next.protocol ??= merged.protocol;
  if (startsSignIn(merged)) {
    next.providerHost ??= merged.host;
    next.appHost ??= merged.returnHost ?? null;
  }
  next.outcome = outcomeAfter(flow, merged);
  if (returnsFromSignIn(merged) || merged.kind === 'form-return') {
    next.appHost = merged.host;
    // A way back that is itself the page (not a redirect on): the flow has landed.
    if (merged.status !== null && (merged.status < 300 || merged.status >= 400)) next.landed = true;
  }
  return next;
}

/** Whether a host took part in the flow (the provider, the site, any host a step went through). */
function partOf(flow: SignInFlow, host: string): boolean {
  return host === flow.providerHost || host === flow.appHost || flow.hops.some((hop) => hop.host === host);
}

export interface FollowInput {
  /** The hop as recognised (recogniseHop), or null for a URL that is no sign-in hop. */
  hop: SignInHop | null;
  /** The same URL as a plain page hop, made only when needed (a flow is under way). */
  page: () => SignInHop | null;
  /** A document of the page itself, not of a frame in it. */
  topLevel: boolean;
  now: number;
}

/**
 * What the tab's flow becomes after one frame's response or callback fragment. Returns the same
 * object when nothing changed (the caller then writes nothing), null when the tab has no flow (the
 * person went on to another site after the flow ended).
 */
export function followFlow(flow: SignInFlow | null, { hop, page, topLevel, now }: FollowInput): SignInFlow | null {
  const current = flow && (flow.outcome !== 'under-way' || now - flow.updatedAt <= FLOW_IDLE_MS) ? flow : null;
  // The same document reported twice (its response, and its fragment from navigation, in either order).
  const last = current?.hops[current.hops.length - 1];
  if (current && last && (hop ?? (topLevel ? page() : null))?.url === last.url) return withHop(current, hop ?? page()!);
  if (hop && (startsSignIn(hop) || returnsFromSignIn(hop))) {
    // A frame's sign-in (a hidden prompt=none check) does not replace the page's flow while that one is under way.
    if (!topLevel && current && current.outcome === 'under-way' && startsSignIn(hop)) return withHop(current, hop);
    if (startsSignIn(hop) && (!current || current.landed || current.outcome !== 'under-way')) return withHop(newFlow(hop), hop);
    if (returnsFromSignIn(hop) && (!current || current.landed)) return withHop(newFlow(hop), hop);
    return withHop(current!, hop);
  }
  if (!current || !topLevel) return current === flow ? flow : current;
  const plain = hop ?? page();
  if (!plain) return flow;
  if (current.landed) {
    // The person went on: the story stays while they stay on the site it came back to.
    if (plain.host === current.appHost || plain.host === current.hops[current.hops.length - 1]?.host) return flow;
    return null;
  }
  // A form the provider's page posted to another host: the way back (form_post, SAML POST binding, WS-Fed).
  if (current.outcome === 'under-way' && plain.kind === 'page' && plain.method === 'POST' && plain.host !== current.providerHost) {
    return withHop(current, { ...plain, kind: 'form-return', protocol: current.protocol });
  }
  // An unfinished sign-in the person walked away from: a page on a host that is no part of it.
  if (current.outcome === 'under-way' && !partOf(current, plain.host)) return null;
  const next = withHop(current, plain);
  if (current.outcome !== 'under-way') next.landed = true;
  return next;
}

/** The flow as another tab tells it: the opener of the sign-in window it ran in. */
export function asOpenerFlow(flow: SignInFlow): SignInFlow {
  return { ...flow, fromPopup: true };
}

/** Guards a stored flow (written by an older version, or damaged): its shape, not every field. */
export function isSignInFlow(value: unknown): value is SignInFlow {
  if (typeof value !== 'object' || value === null) return false;
  const flow = value as Partial<SignInFlow>;
  return Array.isArray(flow.hops) && typeof flow.outcome === 'string' && typeof flow.startedAt === 'number' && typeof flow.landed === 'boolean';
}
