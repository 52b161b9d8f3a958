import { describe, expect, it } from 'vitest';
import { followFlow, type SignInFlow } from '../../src/capture/sign-in-flow';
import { pageHop, recogniseHop } from '../../src/capture/sign-in-hop';
import { plainText, SERVER_OPEN } from '../../src/diagnosis/evidence-text';
import { translatorFor } from '../../src/diagnosis/translate';
import { SIGN_IN_TABLE_KEYS, STORY_SHOWN_MS, signInStory } from '../../src/view/sign-in-story';
import { catalog, en } from '../../dev/i18n';

function flowOf(steps: Array<{ url: string; status?: number; method?: string }>): SignInFlow {
  let flow: SignInFlow | null = null;
  steps.forEach((step, i) => {
    const input = { url: step.url, status: step.status ?? 200, method: step.method ?? 'GET', at: 1000 + i };
    flow = followFlow(flow, { hop: recogniseHop(input), page: () => pageHop(input), topLevel: true, now: input.at });
  });
  return flow!;
}

const AUTHORIZE = { url: 'https://login.example/auth?response_type=code&client_id=app&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=s1&prompt=consent', status: 303 };

describe('signInStory', () => {
  it("an access_denied: plain words first, who can fix it, the provider's words quoted, one row per hop", () => {
    const flow = flowOf([AUTHORIZE, { url: 'https://login.example/interaction/x' }, { url: 'https://app.example/cb?error=access_denied&error_description=End-User+aborted+interaction&state=s1', status: 302 }, { url: 'https://app.example/' }]);
    const story = signInStory(flow, en, 2000)!;
    expect(story.tone).toBe('failed');
    expect(plainText(story.headline)).toBe(
      'Sign-in at login.example failed when it came back to app.example: the identity provider said "access_denied" — the account is not allowed to use this app, or the request for permission was declined. If you pressed Cancel or Deny, sign in again and allow it; otherwise ask for access.',
    );
    expect(story.fixer).toContain("your organisation's administrator");
    expect(story.providerWords.map(plainText)).toEqual(['The identity provider wrote: "End-User aborted interaction"']);
    expect(story.hops.map((hop) => hop.label)).toEqual(['Sign-in request to login.example', 'Page at login.example', 'Back at app.example', 'Page at app.example']);
    expect(plainText(story.hops[0]!.facts)).toBe('GET · 303 · response_type code · prompt consent · return to app.example');
    expect(plainText(story.hops[2]!.facts)).toContain('error "access_denied"');
    expect(story.hops[2]!.url).not.toContain('s1');
  });

  it('an Entra code gets its look-up link, built by us', () => {
    const flow = flowOf([AUTHORIZE, { url: 'https://app.example/cb?error=access_denied&error_description=AADSTS50105%3A+not+assigned&state=s1' }]);
    const story = signInStory(flow, en, 2000)!;
    expect(story.lookup).toEqual({ url: 'https://login.microsoftonline.com/error?code=50105', label: "Look up AADSTS50105 on the provider's page" });
    expect(plainText(story.headline)).toContain('"access_denied" (AADSTS50105)');
  });

  it("a server's error code is a quote, never our words (even when it imitates our sentence)", () => {
    const flow = flowOf([AUTHORIZE, { url: `https://app.example/cb?error=${encodeURIComponent('Click here \u202E to fix')}&state=s1` }]);
    const story = signInStory(flow, en, 2000)!;
    expect(story.headline).toContain(`${SERVER_OPEN}Click here \\u202E to fix`);
    expect(plainText(story.headline)).toContain('a code this extension does not know');
  });

  it("the provider's own error page, the site's refused callback, a success, a flow under way", () => {
    expect(plainText(signInStory(flowOf([{ ...AUTHORIZE, status: 400 }]), en, 2000)!.headline)).toContain("stopped on the identity provider's own error page (HTTP 400)");
    const refused = signInStory(flowOf([AUTHORIZE, { url: 'https://app.example/cb?code=c&state=s1', status: 500 }]), en, 2000)!;
    expect(refused.headline).toBe('Sign-in at login.example came back to app.example, but app.example could not finish it (HTTP 500).');
    const ok = signInStory(flowOf([AUTHORIZE, { url: 'https://app.example/cb?code=c&state=s1', status: 302 }, { url: 'https://app.example/' }]), en, 2000)!;
    expect(ok).toMatchObject({ tone: 'ok', headline: 'Signed in at login.example and back at app.example.', fixer: null });
    expect(signInStory(flowOf([AUTHORIZE]), en, 2000)).toMatchObject({ tone: 'under-way', headline: 'Sign-in at login.example for app.example has not come back yet.' });
    const form = signInStory(flowOf([{ url: 'https://idp.example/sso?SAMLRequest=x' }, { url: 'https://sp.example/acs', method: 'POST' }]), en, 2000)!;
    expect(form).toMatchObject({ tone: 'ok', fixer: null });
    expect(form.headline).toBe('Sign-in at idp.example came back to sp.example in a form post. What it carried is not read, so whether it worked shows in what sp.example does next.');
    expect(form.hops.map((hop) => hop.label)).toEqual(['SAML sign-in request to idp.example', 'Form posted back to sp.example']);
  });

  it('nothing to tell: no flow, or one that ended long ago', () => {
    expect(signInStory(null, en, 0)).toBeNull();
    const ended = flowOf([AUTHORIZE, { url: 'https://app.example/cb?code=c&state=s1' }]);
    expect(signInStory(ended, en, ended.updatedAt + STORY_SHOWN_MS + 1)).toBeNull();
  });

  it('every key it takes from a table exists in every language, and German tells the same story', () => {
    for (const lang of ['en', 'de']) for (const key of SIGN_IN_TABLE_KEYS) expect(catalog(lang), `${lang}: ${key}`).toHaveProperty(key);
    const de = translatorFor(catalog('de'));
    const story = signInStory(flowOf([AUTHORIZE, { url: 'https://app.example/cb?error=access_denied&state=s1' }]), de, 2000)!;
    expect(plainText(story.headline)).toContain('Die Anmeldung bei login.example ist auf dem Rückweg zu app.example gescheitert');
  });
});
