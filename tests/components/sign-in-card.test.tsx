/**
 * The popup's sign-in card, rendered in happy-dom through the mock connector with a sign-in source:
 * plain words first, the provider's words set apart as quotes, the look-up link built by us, the hops.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { followFlow, type SignInFlow } from '../../src/capture/sign-in-flow';
import { pageHop, recogniseHop } from '../../src/capture/sign-in-hop';
import { App, type Initial } from '../../src/popup/App';
import type { SignInSource } from '../../src/popup/connector';
import type { TabState } from '../../src/shared/storage-schema';
import { TranslateContext } from '../../src/ui/translate-context';
import { en } from '../../dev/i18n';
import { mockConnector } from '../support/mock-connector';

afterEach(cleanup);

const NOTHING: TabState = { log: null, diagnosis: { causes: [], headerProblems: [], considered: 0 }, previousDiagnosis: null };

function flowOf(urls: Array<[string, number]>): SignInFlow {
  let flow: SignInFlow | null = null;
  const now = Date.now();
  urls.forEach(([url, status], i) => {
    const input = { url, status, at: now + i };
    flow = followFlow(flow, { hop: recogniseHop(input), page: () => pageHop(input), topLevel: true, now: input.at });
  });
  return flow!;
}

function show(flow: SignInFlow | null, source = true) {
  const watchers: Array<(flow: SignInFlow | null) => void> = [];
  const signIn: SignInSource = {
    load: async () => flow,
    watch: (_tabId, onChange) => {
      watchers.push(onChange);
      return () => {};
    },
  };
  const connector = { ...mockConnector(NOTHING), ...(source ? { signIn } : {}) };
  const initial: Initial = { tabId: 7, ...NOTHING };
  render(
    <TranslateContext.Provider value={en}>
      <App connector={connector} initial={initial} />
    </TranslateContext.Provider>,
  );
  return {
    /** Publishes a new flow as the worker would, once the card listens. */
    publish: async (next: SignInFlow | null) => {
      await waitFor(() => expect(watchers).toHaveLength(1));
      for (const watch of watchers) watch(next);
    },
  };
}

const AUTHORIZE: [string, number] = ['https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=a1&response_type=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=s3cr3tState', 302];

describe('the sign-in card', () => {
  it("an Entra refusal: the story first, the code and the provider's words as quotes, Microsoft's look-up page, the hops redacted", async () => {
    show(flowOf([AUTHORIZE, ['https://app.example/cb?error=access_denied&error_description=AADSTS50105%3A+Your+administrator+has+not+assigned+you&state=s3cr3tState', 200]]));
    const card = await screen.findByTestId('sign-in');
    expect(card.getAttribute('data-outcome')).toBe('provider-error');
    const headline = screen.getByTestId('sign-in-headline');
    expect(headline.textContent).toContain('Sign-in at login.microsoftonline.com failed when it came back to app.example');
    expect([...headline.querySelectorAll('q.server-words')].map((q) => q.textContent)).toEqual(['"access_denied"']);
    expect(screen.getByTestId('sign-in-fixer').textContent).toContain("your organisation's administrator");
    const link = screen.getByTestId('sign-in-lookup') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://login.microsoftonline.com/error?code=50105');
    expect(link.getAttribute('rel')).toContain('noreferrer');
    expect(link.textContent).toBe("Look up AADSTS50105 on the provider's page");
    expect(card.querySelector('.provider-words q.server-words')?.textContent).toContain('Your administrator has not assigned you');
    expect(card.textContent).toContain('Sign-in request to login.microsoftonline.com');
    expect(card.textContent).not.toContain('s3cr3tState');
    expect((card.querySelector('details') as HTMLDetailsElement).open).toBe(true);
  });

  it('a sign-in that worked is one quiet line, its steps closed; the summary stays first for refusals', async () => {
    const { publish } = show(null);
    expect(screen.queryByTestId('sign-in')).toBeNull();
    await publish(flowOf([AUTHORIZE, ['https://app.example/cb?code=c0de&state=s3cr3tState', 302], ['https://app.example/', 200]]));
    const card = await screen.findByTestId('sign-in');
    expect(card.getAttribute('data-outcome')).toBe('signed-in');
    expect(screen.getByTestId('sign-in-headline').textContent).toBe('Signed in at login.microsoftonline.com and back at app.example.');
    expect(screen.queryByTestId('sign-in-fixer')).toBeNull();
    expect((card.querySelector('details') as HTMLDetailsElement).open).toBe(false);
  });

  it('a long sign-in lists its first and latest steps and counts the ones between', async () => {
    const pages = Array.from({ length: 20 }, (_, i): [string, number] => [`https://login.microsoftonline.com/step/${i}`, 200]);
    show(flowOf([AUTHORIZE, ...pages]));
    const card = await screen.findByTestId('sign-in');
    expect(card.querySelectorAll('.sign-in-hops li')).toHaveLength(12);
    expect(card.textContent).toContain('9 steps in between are not listed.');
  });

  it('no sign-in source (a connector without one): no card', async () => {
    show(flowOf([AUTHORIZE]), false);
    await waitFor(() => expect(screen.getByRole('main').getAttribute('data-complete')).toBe('true'));
    expect(screen.queryByTestId('sign-in')).toBeNull();
  });
});
