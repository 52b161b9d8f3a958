/**
 * Drives Chromium's DevTools from a test: the browser runs with --auto-open-devtools-for-tabs, so
 * each tab has a DevTools window (a `devtools://` target); this shows our panel in the DevTools of
 * the tab showing `pageUrl` and reads the panel's page (an out-of-process iframe target).
 * Playwright does not expose DevTools' own targets, so this talks CDP through the browser session
 * (Target.attachToTarget without flatten, messages via Target.sendMessageToTarget).
 */
import type { CDPSession } from 'playwright-core';
import type { ExtensionBrowser } from '../../dev/extension-browser';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** One CDP session to a target the browser session attached to. */
class TargetSession {
  private nextId = 0;
  private readonly pending = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();

  constructor(
    private readonly browser: CDPSession,
    private readonly sessionId: string,
  ) {
    browser.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id !== undefined) this.pending.get(message.id)?.(message);
      if (message.id !== undefined) this.pending.delete(message.id);
    });
  }

  static async attach(browser: CDPSession, targetId: string): Promise<TargetSession> {
    const { sessionId } = (await browser.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
    return new TargetSession(browser, sessionId);
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (message) => (message.error ? reject(new Error(message.error.message)) : resolve(message.result)));
      void this.browser.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) });
    });
  }

  /** Evaluates an expression (awaiting a promise) and returns its value. */
  async evaluate<T>(expression: string): Promise<T> {
    const result = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result: { value: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    return result.result.value;
  }
}

async function targets(browser: CDPSession): Promise<TargetInfo[]> {
  return ((await browser.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos;
}

async function poll<T>(what: string, read: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => null);
    if (value !== null && value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What DevTools frontend code the test runs: the inspected URL of a DevTools window, and showing a panel by id. */
const INSPECTED_URL = `(async () => (await import('./core/sdk/sdk.js')).TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL() ?? '')()`;
const SHOW_OUR_PANEL = (extensionId: string) => `(async () => {
  const { InspectorView } = (await import('./ui/legacy/legacy.js')).InspectorView;
  const view = InspectorView.instance();
  const id = [...view.tabbedPane.tabs].map((tab) => tab.id).find((id) => id.startsWith('chrome-extension://${extensionId}'));
  if (!id) return null;
  await view.showPanel(id);
  return id;
})()`;

export class DevtoolsPanel {
  private constructor(
    readonly browser: CDPSession,
    /** The panel's page (the extension's src/devtools/panel.html in DevTools' frame). */
    readonly panel: TargetSession,
    /** The DevTools window's own page. */
    readonly devtools: TargetSession,
  ) {}

  /** Shows our panel in the DevTools window of the tab whose page starts with `pageUrl`, and attaches to the panel's page. */
  static async open(extension: ExtensionBrowser, pageUrl: string): Promise<DevtoolsPanel> {
    const browser = await extension.context.browser()!.newBrowserCDPSession();
    const devtools = await poll('the DevTools window of the tab', async () => {
      for (const target of (await targets(browser)).filter((t) => t.url.startsWith('devtools://devtools/bundled/devtools_app.html'))) {
        const session = await TargetSession.attach(browser, target.targetId);
        if ((await session.evaluate<string>(INSPECTED_URL)).startsWith(pageUrl)) return session;
      }
      return null;
    });
    await poll('our panel in DevTools', () => devtools.evaluate<string | null>(SHOW_OUR_PANEL(extension.extensionId)));
    const panelUrl = extension.extensionUrl('src/devtools/panel.html');
    const target = await poll('the panel page', async () => (await targets(browser)).find((t) => t.url === panelUrl));
    return new DevtoolsPanel(browser, await TargetSession.attach(browser, target.targetId), devtools);
  }

  /** The panel's visible text. */
  text(): Promise<string> {
    return this.panel.evaluate<string>(`document.querySelector('main')?.innerText ?? ''`);
  }

  /** Runs an expression in the panel's page. */
  evaluate<T>(expression: string): Promise<T> {
    return this.panel.evaluate<T>(expression);
  }

  /**
   * Loads the panel's page again without the native `browser` namespace, as Chrome 148–151 give it to
   * extensions that declare a devtools_page: webextension-polyfill then wraps `chrome`.
   */
  async reloadWithoutNativeBrowser(): Promise<void> {
    await this.panel.send('Page.enable');
    await this.panel.send('Page.addScriptToEvaluateOnNewDocument', { source: 'delete globalThis.browser;' });
    await this.panel.evaluate('void location.reload()');
    await poll('the panel without the browser namespace', () => this.evaluate<boolean>(`typeof browser === 'undefined' && document.querySelector('main') !== null || null`));
  }

  async close(): Promise<void> {
    await this.browser.detach().catch(() => {});
  }
}
