/** Shared e2e set-up: the two local test servers and one browser with the extension, per test file. */
import { afterAll, beforeAll } from 'vitest';
import { ExtensionBrowser, type LaunchOptions } from '../../dev/extension-browser';
import { FirefoxExtensionBrowser } from '../../dev/firefox-browser';
import { startTestServers, type TestServer } from '../../dev/test-server';

export interface ChromiumSetup {
  browser: ExtensionBrowser;
  site: TestServer;
  api: TestServer;
}

/** Registers beforeAll/afterAll hooks; the returned object is filled in before the first test runs. */
export function chromiumWithServers(options: LaunchOptions = {}): ChromiumSetup {
  const setup = {} as ChromiumSetup;
  beforeAll(async () => {
    Object.assign(setup, await startTestServers());
    setup.browser = await ExtensionBrowser.launch(options);
  });
  afterAll(async () => {
    await setup.browser?.close();
    await setup.site?.close();
    await setup.api?.close();
  });
  return setup;
}

export interface FirefoxSetup {
  browser: FirefoxExtensionBrowser;
  site: TestServer;
  api: TestServer;
}

/** The same with Firefox ESR and dist-firefox/. */
export function firefoxWithServers(): FirefoxSetup {
  const setup = {} as FirefoxSetup;
  beforeAll(async () => {
    Object.assign(setup, await startTestServers());
    setup.browser = await FirefoxExtensionBrowser.launch();
  });
  afterAll(async () => {
    await setup.browser?.close();
    await setup.site?.close();
    await setup.api?.close();
  });
  return setup;
}
