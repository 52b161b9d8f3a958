/**
 * Records the webRequest/webNavigation event sequences that real browsers produce for real 401/407 flows, as
 * fixtures: tests/fixtures/event-sequences/<browser>/<flow>.json, plus README.md (how each was made and what the
 * page finally showed) and the generated part of SUMMARY.md (one line per flow and browser).
 *
 *   npx tsx scripts/record-event-sequences.ts [flow-name ...] [--chromium-only | --firefox-only | --chromium-headful-only]
 *
 * Chromium runs headless (as the e2e tests do); the flows whose headless behaviour differs from a person's
 * browser (DIALOG_FLOWS: no sign-in dialog) are recorded once more with a window, under xvfb-run (Debian: xvfb,
 * xauth), into chromium-headful/, plus two flows where xdotool types alice's password into the real dialog.
 *
 * The servers are real (dev/real-servers.ts: nginx, Apache, squid, docker-registry) plus a small Node
 * site for the cross-origin and single-page flows. Each flow gets a fresh browser with the bare recorder
 * extension (dev/event-recorder/) and nothing else: Debian's Chromium via playwright-core, then
 * Firefox ESR via puppeteer-core (WebDriver BiDi). One browser at a time.
 *
 * This file wires the parts in dev/event-sequences/: servers.ts (what the flows run against), drivers.ts (the
 * Chromium and Firefox recorder drivers), flows.ts (the flows), record-flow.ts (one flow in one browser into its
 * fixture) and summary.ts (README.md and SUMMARY.md).
 *
 * Fixtures keep only the events of the flow's own origins. Ports are rewritten to fixed numbers (see PORTS) so a
 * new recording diffs cleanly, and timeStamp is milliseconds since the flow's first kept event.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BROWSERS, type BrowserName } from '../dev/event-sequences/drivers';
import { DIALOG_FLOWS, type Flow, FLOWS } from '../dev/event-sequences/flows';
import { recordFlow } from '../dev/event-sequences/record-flow';
import { startServers } from '../dev/event-sequences/servers';
import { type Recorded, withStoredFixtures, writeReadme, writeSummarySequences } from '../dev/event-sequences/summary';

/**
 * Chromium with a window needs a display: without one, the headful part runs as a child process under xvfb-run
 * (Debian package xvfb); without xvfb-run it is skipped with a note.
 */
function recordHeadfulInChild(flows: Flow[]): void {
  const names = flows.filter((f) => DIALOG_FLOWS.includes(f.name)).map((f) => f.name);
  if (!names.length) return;
  const self = fileURLToPath(import.meta.url);
  const command = process.env.DISPLAY
    ? [process.execPath, ...process.execArgv, self]
    : ['xvfb-run', '-a', '-s', '-screen 0 1280x800x24', process.execPath, ...process.execArgv, self];
  if (!process.env.DISPLAY && !existsSync('/usr/bin/xvfb-run')) {
    console.log('chromium-headful: skipped (no DISPLAY and no xvfb-run: apt-get install -y xvfb xauth xdotool)');
    return;
  }
  const run = spawnSync(command[0]!, [...command.slice(1), '--chromium-headful-only', ...names], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`the chromium-headful recording failed (exit ${run.status})`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wanted = args.filter((a) => !a.startsWith('--'));
  const only = args.find((a) => a.endsWith('-only'))?.replace(/^--|-only$/g, '');
  if (only && !BROWSERS.includes(only as BrowserName)) throw new Error(`unknown option --${only}-only; known: ${BROWSERS.map((b) => `--${b}-only`).join(', ')}`);
  const flows = wanted.length ? FLOWS.filter((f) => wanted.includes(f.name)) : FLOWS;
  if (wanted.length && flows.length !== wanted.length) throw new Error(`unknown flow; known: ${FLOWS.map((f) => f.name).join(', ')}`);
  const browsers = (only ? [only as BrowserName] : BROWSERS).filter((b) => b !== 'chromium-headful' || (only === b && process.env.DISPLAY));
  if (only === 'chromium-headful' && !process.env.DISPLAY) throw new Error('--chromium-headful-only needs a display: run it under xvfb-run -a');
  const servers = await startServers();
  const results: Recorded[] = [];
  try {
    for (const browser of browsers) {
      for (const flow of flows) {
        if (browser === 'chromium-headful' && !DIALOG_FLOWS.includes(flow.name)) continue;
        if (flow.browsers && !flow.browsers.includes(browser)) continue;
        results.push(await recordFlow(flow, browser, servers));
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((server: { close(): Promise<void> }) => server.close()));
  }
  if (only === 'chromium-headful') return; // the parent process writes README and SUMMARY
  if (!only) recordHeadfulInChild(flows);
  const all = withStoredFixtures(results);
  writeReadme(all);
  writeSummarySequences(all);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
