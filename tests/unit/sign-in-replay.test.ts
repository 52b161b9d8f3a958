/**
 * The sign-in flows recorded from real Chromium and Firefox against oidc-provider (dev/oidc-servers.ts),
 * replayed through the worker's sign-in tracker: the browsers' own event order (a fragment in a
 * redirect's URL, Firefox's commit before the page's completion) ends in the story the popup tells.
 */
import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/diagnosis/evidence-text';
import { signInStory } from '../../src/view/sign-in-story';
import { en } from '../../dev/i18n';
import { allFixtures } from '../support/replay';
import { replaySignIn } from '../support/replay-sign-in';

const fixtures = allFixtures().filter(([, flow]) => flow.startsWith('oidc-'));

describe('recorded sign-in flows, replayed', () => {
  it('there are recordings in both browsers', () => {
    expect(new Set(fixtures.map(([browser]) => browser))).toEqual(new Set(['chromium', 'firefox']));
  });

  it.each(fixtures)('%s: %s', async (_browser, flow, fixture) => {
    const { flows, tabId } = await replaySignIn(fixture);
    const found = flows.get(tabId)!;
    expect(found, `no flow for tab ${tabId}`).toBeDefined();
    expect(found).toMatchObject({ providerHost: 'localhost:9001', appHost: '127.0.0.1:9002', protocol: 'oauth', landed: true });
    const stored = JSON.stringify(found);
    for (const name of ['code', 'state', 'nonce', 'code_challenge']) expect(stored).not.toMatch(new RegExp(`[?&#]${name}=(?!redacted)`));
    const story = signInStory(found, en, found.updatedAt)!;
    if (flow === 'oidc-sign-in-ok') {
      expect(found.outcome).toBe('signed-in');
      expect(found.hops.map((hop) => hop.kind)).toEqual(['authorize', 'page', 'page', 'page', 'page', 'callback', 'page']);
      expect(story.headline).toBe('Signed in at localhost:9001 and back at 127.0.0.1:9002.');
    } else {
      expect(found.outcome).toBe('provider-error');
      const callback = found.hops.find((hop) => hop.kind === 'callback')!;
      expect(callback).toMatchObject({ fromFragment: true, status: 200, error: { code: 'access_denied', description: 'End-User aborted interaction' } });
      expect(found.hops.filter((hop) => hop.url === 'http://127.0.0.1:9002/cb')).toHaveLength(1);
      expect(plainText(story.headline)).toContain('Sign-in at localhost:9001 failed when it came back to 127.0.0.1:9002: the identity provider said "access_denied"');
    }
  });
});
