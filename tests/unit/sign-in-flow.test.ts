import { describe, expect, it } from 'vitest';
import { FLOW_IDLE_MS, followFlow, MAX_FLOW_HOPS, type SignInFlow } from '../../src/capture/sign-in-flow';
import { pageHop, recogniseHop } from '../../src/capture/sign-in-hop';

type Step = { url: string; status?: number; method?: string; inFrame?: boolean; at?: number };

/** Feeds the steps through followFlow as the worker does; returns each flow after each step. */
function run(steps: Step[], start: SignInFlow | null = null): Array<SignInFlow | null> {
  let flow = start;
  const seen: Array<SignInFlow | null> = [];
  steps.forEach((step, i) => {
    const input = { url: step.url, status: step.status ?? 200, method: step.method ?? 'GET', at: step.at ?? 1000 + i, inFrame: step.inFrame ?? false };
    flow = followFlow(flow, { hop: recogniseHop(input), page: () => pageHop(input), topLevel: !input.inFrame, now: input.at });
    seen.push(flow);
  });
  return seen;
}

const AUTHORIZE = { url: 'https://login.example/auth?response_type=code&client_id=app&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=s1', status: 303 };
const LOGIN_FORM = { url: 'https://login.example/interaction/abc' };

describe('followFlow', () => {
  it('a successful code flow: under way, signed in, landed; nothing stored for pages before it', () => {
    const flows = run([
      { url: 'https://app.example/' },
      AUTHORIZE,
      LOGIN_FORM,
      { url: 'https://login.example/auth/abc', status: 303 },
      { url: 'https://app.example/cb?code=c0de&state=s1', status: 302 },
      { url: 'https://app.example/home' },
    ]);
    expect(flows[0]).toBeNull();
    expect(flows[1]).toMatchObject({ outcome: 'under-way', providerHost: 'login.example', appHost: 'app.example' });
    expect(flows[4]).toMatchObject({ outcome: 'signed-in', landed: false });
    expect(flows[5]).toMatchObject({ outcome: 'signed-in', landed: true });
    expect(flows[5]!.hops.map((h) => h.kind)).toEqual(['authorize', 'page', 'page', 'callback', 'page']);
    expect(JSON.stringify(flows[5])).not.toContain('c0de');
  });

  it('an error callback: provider-error, landed when the callback is the page itself', () => {
    const [, , flow] = run([AUTHORIZE, LOGIN_FORM, { url: 'https://app.example/cb?error=access_denied&state=s1', status: 200 }]);
    expect(flow).toMatchObject({ outcome: 'provider-error', landed: true, appHost: 'app.example' });
  });

  it("the provider's own error page (the authorize request answered 400)", () => {
    const [flow] = run([{ ...AUTHORIZE, status: 400 }]);
    expect(flow).toMatchObject({ outcome: 'provider-refused' });
  });

  it("the site's callback refused (500 after coming back with a code)", () => {
    const [, flow] = run([AUTHORIZE, { url: 'https://app.example/cb?code=abc&state=s1', status: 500 }]);
    expect(flow).toMatchObject({ outcome: 'site-refused', landed: true });
  });

  it('a fragment reported after the response of the same document is one hop, in either order', () => {
    const cb = 'https://app.example/cb#error=access_denied&state=s1';
    const responseFirst = run([AUTHORIZE, { url: 'https://app.example/cb', status: 200 }, { url: cb, status: undefined }]).at(-1)!;
    expect(responseFirst.hops).toHaveLength(2);
    expect(responseFirst).toMatchObject({ outcome: 'provider-error' });
    expect(responseFirst.hops[1]).toMatchObject({ kind: 'callback', status: 200, fromFragment: true });
    const fragmentFirst = run([AUTHORIZE, { url: cb, status: undefined }, { url: 'https://app.example/cb', status: 200 }]).at(-1)!;
    expect(fragmentFirst.hops).toHaveLength(2);
    expect(fragmentFirst).toMatchObject({ outcome: 'provider-error' });
  });

  it('the story stays while the person stays on the site, and goes when they leave it', () => {
    const flows = run([AUTHORIZE, { url: 'https://app.example/cb?error=access_denied&state=s1', status: 302 }, { url: 'https://app.example/error' }, { url: 'https://app.example/' }, { url: 'https://other.example/' }]);
    expect(flows[3]).toBe(flows[2]);
    expect(flows[4]).toBeNull();
  });

  it('a way back by a form post (form_post, SAML POST binding): returned, its contents unread; a POST at the provider is not one', () => {
    const oidc = run([{ ...AUTHORIZE, url: `${AUTHORIZE.url}&response_mode=form_post` }, LOGIN_FORM, { url: 'https://login.example/interaction/abc', method: 'POST', status: 303 }, { url: 'https://app.example/cb', method: 'POST', status: 302 }, { url: 'https://app.example/home' }]);
    expect(oidc[2]).toMatchObject({ outcome: 'under-way' });
    expect(oidc[3]).toMatchObject({ outcome: 'returned', landed: false });
    expect(oidc[4]).toMatchObject({ outcome: 'returned', landed: true, appHost: 'app.example' });
    // The sign-in form and its POST are the same address: one step.
    expect(oidc[4]!.hops.map((hop) => hop.kind)).toEqual(['authorize', 'page', 'form-return', 'page']);
    const saml = run([{ url: 'https://idp.example/sso?SAMLRequest=fZJNT8MwDIbv&RelayState=xyz', status: 200 }, { url: 'https://sp.example/saml/acs', method: 'POST', status: 200 }]);
    expect(saml[1]).toMatchObject({ protocol: 'saml', providerHost: 'idp.example', appHost: 'sp.example', outcome: 'returned', landed: true });
    expect(run([{ url: 'https://idp.example/sso?SAMLRequest=x', status: 200 }, { url: 'https://sp.example/saml/acs', method: 'POST', status: 500 }])[1]).toMatchObject({ outcome: 'site-refused' });
  });

  it('an unfinished sign-in is forgotten when the tab goes on to a site that is no part of it', () => {
    const flows = run([AUTHORIZE, LOGIN_FORM, { url: 'https://news.example/' }]);
    expect(flows[1]).toMatchObject({ outcome: 'under-way' });
    expect(flows[2]).toBeNull();
    // The site it was to come back to is part of it (the person went back without signing in).
    expect(run([AUTHORIZE, { url: 'https://app.example/' }])[1]).toMatchObject({ outcome: 'under-way' });
  });

  it('a new sign-in replaces an ended one; an idle one under way is forgotten', () => {
    const flows = run([AUTHORIZE, { url: 'https://app.example/cb?error=access_denied&state=s1' }, { ...AUTHORIZE, url: `${AUTHORIZE.url}&prompt=login` }]);
    expect(flows[2]).toMatchObject({ outcome: 'under-way' });
    expect(flows[2]!.hops).toHaveLength(1);
    const [started] = run([AUTHORIZE]);
    expect(run([{ url: 'https://app.example/x', at: 1000 + FLOW_IDLE_MS + 10 }], started)[0]).toBeNull();
  });

  it("a frame's silent sign-in joins the page's flow; frames' plain pages do not", () => {
    const flows = run([AUTHORIZE, { url: 'https://login.example/auth?client_id=app&response_type=code&prompt=none', inFrame: true }, { url: 'https://ads.example/', inFrame: true }]);
    expect(flows[1]!.hops).toHaveLength(2);
    expect(flows[2]).toBe(flows[1]);
    const [silent] = run([{ url: 'https://app.example/cb#error=login_required&state=s', inFrame: true }]);
    expect(silent).toMatchObject({ outcome: 'provider-error', appHost: 'app.example' });
  });

  it('keeps at most MAX_FLOW_HOPS hops, the first among them, and counts the rest', () => {
    const steps = [AUTHORIZE, ...Array.from({ length: 30 }, (_, i) => ({ url: `https://login.example/step/${i}` }))];
    const flow = run(steps).at(-1)!;
    expect(flow.hops).toHaveLength(MAX_FLOW_HOPS);
    expect(flow.hops[0]!.kind).toBe('authorize');
    expect(flow.dropped).toBe(31 - MAX_FLOW_HOPS);
  });

  it('unchanged input returns the very same object (the worker writes nothing)', () => {
    expect(run([{ url: 'https://app.example/' }, { url: 'https://app.example/x' }])).toEqual([null, null]);
    const [flow] = run([AUTHORIZE]);
    expect(run([{ url: 'https://ads.example/', inFrame: true }], flow)[0]).toBe(flow);
  });
});
