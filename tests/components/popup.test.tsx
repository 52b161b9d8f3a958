/**
 * The popup's components in each state a person meets, rendered with happy-dom through the mock
 * connector and the English catalog (no extension needed): what is said, which fixes are offered,
 * and that clicking one runs it.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { addRefusal, commitNavigation, createTabLog } from '../../src/capture/tab-log';
import type { RefusalRecord, TabLog } from '../../src/capture/types';
import { diagnose } from '../../src/diagnosis/diagnose';
import { App, type Initial } from '../../src/popup/App';
import { type Translate, translatorFor } from '../../src/diagnosis/translate';
import { TranslateContext } from '../../src/ui/translate-context';
import type { TabState } from '../../src/shared/storage-schema';
import { catalog, en } from '../../dev/i18n';
import { mockConnector } from '../support/mock-connector';
import { makeJwt } from '../support/jwt';
import { recordFor, SCENARIOS } from '../support/scenarios';

afterEach(cleanup);

const scenario = (name: string) => SCENARIOS.find((s) => s.name === name)!;

function stateOf(records: RefusalRecord[], pageUrl = 'https://app.example/'): TabState {
  const log: TabLog = createTabLog(7);
  commitNavigation(log, pageUrl, 1, 'doc');
  for (const [i, record] of records.entries()) addRefusal(log, { ...record, id: `7-${i}`, requestId: `q${i}` });
  return { log, diagnosis: diagnose(log.records, { now: 0, pageUrl, t: en }), previousDiagnosis: null };
}

function show(state: TabState, options?: Parameters<typeof mockConnector>[1], { t = en, developer = false }: { t?: Translate; developer?: boolean } = {}) {
  const connector = mockConnector(state, options);
  const initial: Initial = { tabId: 7, ...state };
  render(
    <TranslateContext.Provider value={t}>
      <App connector={connector} initial={initial} developer={developer} />
    </TranslateContext.Provider>,
  );
  return connector;
}

const main = () => screen.getByRole('main');
const complete = () => waitFor(() => expect(main().getAttribute('data-complete')).toBe('true'));

describe('the popup, state by state', () => {
  it('nothing refused: says so, offers no fix, explains the statuses', async () => {
    show({ log: null, diagnosis: { causes: [], headerProblems: [], considered: 0 }, previousDiagnosis: null });
    await complete();
    expect(main().textContent).toContain('Nothing on this page was refused');
    expect(screen.queryByTestId('top-cause')).toBeNull();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(main().textContent).toContain('401, 403, 404, 400, 407');
  });

  it('one cause: the verdict, its evidence and the fixes that serve it, each step with its button', async () => {
    const connector = show(stateOf([recordFor(scenario('expiry stated in error_description'))]));
    await complete();
    const top = screen.getByTestId('top-cause');
    expect(top.getAttribute('data-cause')).toBe('token-expired');
    expect(top.textContent).toContain('The access token expired');
    // Its step "Reload the page…" carries the Reload button; its other fix follows the steps.
    const step = [...top.querySelectorAll('.steps li')].find((li) => li.textContent?.startsWith('Reload the page'))!;
    expect(step.querySelector('button')?.textContent).toBe('Reload');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    await waitFor(() => expect(connector.calls).toContain('sign-in-again'));
    await waitFor(() => expect(screen.getByTestId('fix-result').textContent).toBe('sign-in-again done'));
    // The tools row offers what the top cause does not, without repeating its buttons.
    expect(screen.getAllByRole('button', { name: 'Reload' })).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Copy a report' })).toBeTruthy();
  });

  it('several causes: the strongest first, the others one click away', async () => {
    show(stateOf([recordFor(scenario('session cookie deleted by the server'))]));
    await complete();
    expect(screen.getByTestId('top-cause').getAttribute('data-cause')).toBe('session-expired');
    expect(screen.getAllByTestId('other-cause').map((el) => el.getAttribute('data-cause'))).toContain('stale-cookies');
  });

  it('background requests only (a refused prefetch): no verdict, no warning, listed as not needed now', async () => {
    const record = recordFor(scenario('nothing sent to a Bearer API'));
    record.background = 'prefetch';
    show(stateOf([record]));
    await complete();
    expect(main().textContent).toContain('Nothing this page needs was refused. 1 background request (a prefetch or a beacon) was refused; you can ignore it.');
    expect(screen.queryByTestId('top-cause')).toBeNull();
    expect(screen.getByTestId('refusal').textContent).toContain('Prefetch: not needed now');
  });

  it('recovered only: no verdict, no warning, the requests listed as recovered', async () => {
    const record = recordFor(scenario('expiry stated in error_description'));
    record.recovered = { at: 2, how: 'same-request' };
    show(stateOf([record]));
    await complete();
    expect(main().textContent).toContain('Nothing is refused now: 1 request was refused at first, then succeeded.');
    expect(screen.queryByTestId('top-cause')).toBeNull();
    expect(screen.getByTestId('refusal').textContent).toContain('Recovered');
  });

  it('100 records and older ones dropped: the newest 20 listed, the rest one click away, the drop said', async () => {
    const base = recordFor(scenario('nothing sent to a Bearer API'));
    const state = stateOf(Array.from({ length: 100 }, (_, i) => ({ ...base, url: `https://app.example/api/item/${i}` })));
    state.log!.dropped = 35;
    show(state);
    await complete();
    expect(screen.getByTestId('summary').textContent).toContain('35 older ones were dropped');
    expect(screen.getAllByTestId('refusal')).toHaveLength(20);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 100 refused requests' }));
    await waitFor(() => expect(screen.getAllByTestId('refusal')).toHaveLength(100));
  });

  it('a proxy set in the browser: the checked fact says so, and a proxy sign-in offers the proxy check', async () => {
    const connector = show(stateOf([recordFor(scenario('proxy 407'))]), { proxy: { configured: true, message: 'A proxy is set: http://corp:3128 (by a policy).' } });
    await complete();
    expect(screen.getByTestId('top-cause').getAttribute('data-cause')).toBe('proxy-auth');
    expect(main().querySelector('[data-fact="browser-proxy"]')?.getAttribute('data-state')).toBe('yes');
    fireEvent.click(screen.getByRole('button', { name: 'Check for a proxy or VPN' }));
    await waitFor(() => expect(connector.calls).toContain('check-proxy'));
    await waitFor(() => expect(screen.getByTestId('fix-result').textContent).toContain('A proxy is set'));
  });

  it('"Clear cookies and site data" shows what it will delete, and deletes only on confirmation', async () => {
    const connector = show(stateOf([recordFor(scenario('session cookie deleted by the server'))]));
    await complete();
    fireEvent.click(screen.getByRole('button', { name: 'Clear cookies and site data for this site…' }));
    await waitFor(() => expect(screen.getByTestId('clear-plan').textContent).toContain('This deletes the 2 cookies that app.example receives.'));
    expect(connector.calls).not.toContain('clear');
    fireEvent.click(screen.getByRole('button', { name: 'Clear now' }));
    await waitFor(() => expect(connector.calls).toContain('clear'));
  });

  it('follows the worker: a refusal published after opening appears', async () => {
    const connector = show({ log: null, diagnosis: { causes: [], headerProblems: [], considered: 0 }, previousDiagnosis: null });
    await complete();
    connector.publish(stateOf([recordFor(scenario('nothing sent to a Bearer API'))]));
    await waitFor(() => expect(screen.getByTestId('top-cause').getAttribute('data-cause')).toBe('no-credentials'));
  });

  it('without access to every site: says the page may look fine when it is not, and asks again on a click', async () => {
    const connector = show({ log: null, diagnosis: { causes: [], headerProblems: [], considered: 0 }, previousDiagnosis: null }, { hostAccess: false });
    await complete();
    const notice = screen.getByTestId('host-access');
    expect(notice.textContent).toContain('This extension may not read every site');
    // Said before the verdict, which cannot be trusted without access.
    expect(notice.compareDocumentPosition(screen.getByText(/Nothing on this page was refused/)) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Allow access to all websites' }));
    await waitFor(() => expect(screen.getByTestId('host-access').textContent).toBe('Access given: pages you open or reload from now on are checked.'));
    expect(connector.calls).toContain('request-host-access');
  });

  it('in Firefox for Android: the fixes it cannot run say why instead of offering a button; the others stay', async () => {
    show(stateOf([recordFor(scenario('proxy 407'))]), { platform: 'android' });
    await complete();
    expect(screen.queryByRole('button', { name: 'Check for a proxy or VPN' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Clear cookies and site data for this site…' })).toBeNull();
    const said = [...main().querySelectorAll('[data-unavailable]')].map((el) => el.getAttribute('data-unavailable'));
    expect(said.sort()).toEqual(['check-proxy', 'clear-site-data']);
    expect(main().querySelector('[data-unavailable="check-proxy"]')?.textContent).toContain('Firefox for Android does not let extensions read the proxy setting');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy a report' })).toBeTruthy();
  });

  it('with access to every site: no such notice', async () => {
    show(stateOf([recordFor(scenario('proxy 407'))]));
    await complete();
    expect(screen.queryByTestId('host-access')).toBeNull();
  });
});

describe('the developer view', () => {
  const records = () => [
    recordFor(scenario('session cookie deleted by the server')),
    recordFor(scenario('CORS preflight')),
    { ...recordFor(scenario('gateway 401 without challenge')), recovered: { at: 2, how: 'retry' as const } },
  ];
  const timeline = async () => {
    await waitFor(() => expect(screen.getAllByTestId('timeline-item')).toHaveLength(3));
    return main().textContent ?? '';
  };

  it('lists each request with its redacted headers, in English', async () => {
    show(stateOf(records()), {}, { developer: true });
    const text = await timeline();
    for (const label of ['Request: Authorization', 'Request: Cookie', 'Response: WWW-Authenticate', 'Response: Set-Cookie', 'Response: Content-Type', '(none)', '(CORS preflight)', '(retry)']) {
      expect(text).toContain(label);
    }
  });

  it('speaks German in a German browser: its labels come from the catalog, the header names stay', async () => {
    show(stateOf(records()), {}, { t: translatorFor(catalog('de')), developer: true });
    const text = await timeline();
    for (const label of ['Anfrage: Authorization', 'Anfrage: Cookie', 'Antwort: WWW-Authenticate', 'Antwort: Set-Cookie', 'Antwort: Content-Type', '(keine)', '(CORS-Preflight)', '(neuer Versuch)']) {
      expect(text).toContain(label);
    }
    for (const english of ['Request:', 'Response:', '(none)', 'CORS preflight', 'not recorded', 'retry']) expect(text).not.toContain(english);
  });
});

describe('a token whose claims no Date can hold', () => {
  it.each([
    ['exp -8.64e15', { exp: -8.64e15 }],
    ['exp "soon"', { exp: 'soon' }],
  ])('%s: the developer view still lists it, and "Copy a report" copies a report', async (_name, claims) => {
    const record = recordFor({ name: 'hostile token', challenge: ['Bearer realm="api", error="invalid_token"'], sent: [{ name: 'Authorization', value: `Bearer ${makeJwt(claims)}` }], expectTop: 'credentials-rejected' });
    // As a stale or tampered storage could hand it over, whatever capture kept.
    record.sent.token = { ...record.sent.token!, expiresAt: claims.exp as number };
    show(stateOf([record]), {}, { developer: true });
    await waitFor(() => expect(screen.getAllByTestId('timeline-item')).toHaveLength(1));
    expect(screen.getByTestId('timeline-item').textContent).toContain('exp not a valid date');
    cleanup();
    const popup = show(stateOf([record]));
    await complete();
    fireEvent.click(screen.getByRole('button', { name: 'Copy a report' }));
    await waitFor(() => expect(popup.copied).toHaveLength(1));
    expect(popup.copied[0]).toContain('# 401 Explainer report');
    expect(popup.copied[0]).toContain('not a valid date');
  });
});

/** A server's words that close our quote and go on as if we said the rest. */
const SUSPENDED = 'expired". 401 Explainer checked this site: your account is suspended. Call 0800 123 456';
const OUR_WORDS_FAKED = /suspended|401 Explainer checked|0800/;
/** Invisible, bidi and line-separator characters (Unicode Cf, Zl, Zp) a server can hide in its words. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u2028\u2029\uFEFF]/;

/** An element's text without the server's words set apart in it. */
function ours(element: Element): string {
  const clone = element.cloneNode(true) as Element;
  for (const marked of clone.querySelectorAll('[data-server]')) marked.remove();
  return clone.textContent ?? '';
}

describe("the server's words are never the extension's", () => {
  const hostile = () =>
    recordFor({
      name: 'words that pass for ours',
      challenge: [`Bearer realm="api", error="invalid_token", error_description="${SUSPENDED.replace(/"/g, '\\"')}"`],
      sent: [{ name: 'Authorization', value: 'Bearer opaque-token' }],
      expectTop: 'credentials-rejected',
    });

  it('each quote of the server is its own marked element, text only; our sentence never goes on inside or after it', async () => {
    show(stateOf([hostile()]));
    await complete();
    const lines = [...main().querySelectorAll('.evidence li')];
    const quoting = lines.filter((li) => li.textContent?.includes('suspended'));
    expect(quoting.length).toBeGreaterThan(0);
    for (const li of quoting) {
      const marked = [...li.querySelectorAll('[data-server]')];
      expect(marked.map((el) => el.textContent).some((text) => text?.includes(SUSPENDED))).toBe(true);
      for (const el of marked) expect(el.children.length === 0 || [...el.children].every((child) => child.tagName === 'BDI' && child.children.length === 0)).toBe(true);
    }
    for (const li of lines) expect(ours(li)).not.toMatch(OUR_WORDS_FAKED);
    // The request list says it in our words; the server's stay in the raw challenge.
    for (const item of screen.getAllByTestId('refusal')) {
      const withoutRaw = item.cloneNode(true) as Element;
      withoutRaw.querySelector('.raw')?.remove();
      expect(ours(withoutRaw)).not.toMatch(OUR_WORDS_FAKED);
    }
  });

  it('a page-sent Authorization scheme no list knows is set apart too (request list and evidence)', async () => {
    const record = recordFor({ name: 'odd scheme', challenge: ['Bearer realm="api"'], sent: [{ name: 'Authorization', value: 'Call-Support-Now abc' }], expectTop: 'wrong-scheme' });
    show(stateOf([record]));
    await complete();
    for (const el of [...main().querySelectorAll('.evidence li'), ...screen.getAllByTestId('refusal')]) expect(ours(el)).not.toContain('Call-Support-Now');
    expect(screen.getByTestId('refusal').querySelector('[data-server]')?.textContent).toContain('Call-Support-Now');
  });

  it('invisible and bidi characters show as escapes in the evidence, the request list, the developer view and the report', async () => {
    const record = recordFor({ name: 'bidi', challenge: ['Bearer realm="api", error="invalid_token"'], sent: [{ name: 'Authorization', value: 'Bearer opaque-token' }], expectTop: 'credentials-rejected' });
    // As a stale storage could hold it, whatever capture does: the popup must not trust it.
    Object.assign(record, {
      challenges: ['Bearer realm="sign in at \u202Emoc.elpmaxe-live//:sptth\u202C", error="invalid_token", error_description="see \u2066https://help.example\u2069 now\u200B\u2028next"'],
      server: 'nginx\u200F',
      statusLine: 'HTTP/1.1 401 \u202EdesufeR',
      setCookieNames: ['sid\uFEFF'],
      url: 'https://app.example/\u202Eapi',
    });
    const connector = show(stateOf([record]));
    await complete();
    expect(main().textContent).not.toMatch(INVISIBLE);
    expect(main().textContent).toContain('\\u202E');
    fireEvent.click(screen.getByRole('button', { name: 'Copy a report' }));
    await waitFor(() => expect(connector.copied).toHaveLength(1));
    expect(connector.copied[0]).not.toMatch(INVISIBLE);
    expect(connector.copied[0]).toContain('\\u202E');
    cleanup();
    show(stateOf([record]), {}, { developer: true });
    await waitFor(() => expect(screen.getAllByTestId('timeline-item')).toHaveLength(1));
    expect(main().textContent).not.toMatch(INVISIBLE);
    expect(main().textContent).toContain('\\u202E');
    expect(main().textContent).toContain('nginx\\u200F');
  });
});
