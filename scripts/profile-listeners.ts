/**
 * `npx tsx scripts/profile-listeners.ts`: where the extension's page-load cost goes, listener by
 * listener. Each variant is a bare extension registering one group of our listeners
 * (src/background/listener-spec.ts) with empty bodies; all run side by side in one run, interleaved,
 * on the bench page (100 sub-resources from 127.0.0.1). A group's cost is its paired ratio over no
 * extension minus the floor's (webRequest and host access, no listener). `dist` minus `all listeners`
 * is the cost of our own work in them. `PROFILE_ROUNDS=N` (default 24), `PROFILE_PAGE=realistic`.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { detailListenerSpecs, type ListenerSpec, listenerSpecs } from '../src/background/listener-spec';
import { DIST_DIR } from '../dev/extension-browser';
import { startTestServers } from '../dev/test-server';
import { bareExtension, launchWith, listenerRegistrations, loadMs, median } from './page-load-lab';

const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 24);
const REALISTIC = process.env.PROFILE_PAGE === 'realistic';
const ours = listenerSpecs();
const detail = detailListenerSpecs();
const pick = (event: ListenerSpec['event']) => ours.filter((spec) => spec.event === event);

const NAVIGATION = 'chrome.webNavigation.onCommitted.addListener(() => {}); chrome.tabs.onRemoved.addListener(() => {});';

/** name → background script (null: no extension; 'dist': the built extension). */
const VARIANTS: Record<string, string | null> = {
  none: null,
  floor: '',
  'onSendHeaders (documents, API calls)': listenerRegistrations(pick('onSendHeaders')),
  'onHeadersReceived (documents, API calls)': listenerRegistrations(pick('onHeadersReceived')),
  'onCompleted (every type; responseHeaders)': listenerRegistrations(pick('onCompleted')),
  // What the headers cost in it: the same listener without them (it would lose sub-resources' challenges).
  'onCompleted (every type; no headers)': listenerRegistrations(pick('onCompleted').map(({ extraInfoSpec: _, ...spec }) => spec)),
  // And what the types cost: documents and API calls only (it would lose images, scripts, styles, fonts).
  'onCompleted (documents, API calls; responseHeaders)': listenerRegistrations(pick('onCompleted').map((spec) => ({ ...spec, types: pick('onSendHeaders')[0]!.types }))),
  'onErrorOccurred + onBeforeRequest + webNavigation + tabs': `${listenerRegistrations([...pick('onErrorOccurred'), ...pick('onBeforeRequest')])}\n${NAVIGATION}`,
  'all top-level listeners': `${listenerRegistrations(ours)}\n${NAVIGATION}`,
  'detail listeners alone (extraHeaders; on for 10 min after a refusal)': listenerRegistrations(detail),
  'all top-level listeners + detail listeners': `${listenerRegistrations([...ours, ...detail])}\n${NAVIGATION}`,
  dist: 'dist',
};

/** A bare extension running `background` (or dist/ itself). */
function extension(name: string, background: string): Promise<string> {
  if (background === 'dist') return Promise.resolve(DIST_DIR);
  return bareExtension(`profile ${name}`, { permissions: ['webRequest', 'webNavigation', 'tabs'], host_permissions: ['<all_urls>'] }, background);
}

const { site, api } = await startTestServers();
const names = Object.keys(VARIANTS);
const contexts: BrowserContext[] = [];
const pages: Record<string, Page> = {};
try {
  for (const name of names) {
    const background = VARIANTS[name]!;
    const context = await launchWith(background === null ? null : await extension(name, background));
    contexts.push(context);
    pages[name] = await context.newPage();
  }
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let run = -2; run < ROUNDS; run++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + run + 2) % names.length]!;
      const page = pages[name]!;
      const ms = await loadMs(page, `${site.origin}/bench?run=${encodeURIComponent(name)}-${run}${REALISTIC ? '&delay=1' : ''}`);
      if (run >= 0) times[name]!.push(ms);
    }
  }
  const ratio = (name: string) => median(times[name]!.map((ms, i) => ms / times.none![i]!));
  const floor = ratio('floor');
  console.log(`${REALISTIC ? 'realistic' : 'loopback'} page, ${ROUNDS} rounds; median load without extension ${median(times.none!).toFixed(1)} ms`);
  console.log('| variant | ratio over none | cost over floor |');
  console.log('|---|---|---|');
  for (const name of names.slice(1)) console.log(`| ${name} | ${ratio(name).toFixed(3)} | ${(ratio(name) - floor).toFixed(3)} |`);
} finally {
  await Promise.all(contexts.map((context) => context.close()));
  await site.close();
  await api.close();
}
