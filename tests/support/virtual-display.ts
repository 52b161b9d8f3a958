/**
 * A virtual X display (Debian's xvfb) and real key presses on it (xdotool): browser shortcuts such as an
 * extension's command never see the key events a driver sends through DevTools or WebDriver BiDi, which go
 * to the page; a key pressed on the display goes to the browser window, as a person's does.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface VirtualDisplay {
  /** ":N", for the browser's DISPLAY. */
  display: string;
  /** Focuses the (one) visible window of `windowClass` and presses `keys` (xdotool's names, e.g. "alt+shift+4"). */
  press(windowClass: string, keys: string): void;
  close(): void;
}

export async function startVirtualDisplay(): Promise<VirtualDisplay> {
  for (const tool of ['/usr/bin/Xvfb', '/usr/bin/xdotool']) {
    if (!existsSync(tool)) throw new Error(`${tool} not found: run "apt-get install -y xvfb xdotool" (see README).`);
  }
  // -displayfd: Xvfb picks a free display number and writes it to that descriptor once it accepts clients.
  const xvfb: ChildProcess = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const display = await new Promise<string>((resolve, reject) => {
    let written = '';
    xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
      written += chunk.toString();
      if (written.includes('\n')) resolve(`:${written.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready`)));
  });
  const env = { ...process.env, DISPLAY: display };
  const xdotool = (...args: string[]) => execFileSync('/usr/bin/xdotool', args, { env, encoding: 'utf8' });
  return {
    display,
    press(windowClass, keys) {
      const window = xdotool('search', '--onlyvisible', '--class', windowClass).trim().split('\n').pop()!;
      xdotool('windowfocus', '--sync', window);
      xdotool('key', '--clearmodifiers', keys);
    },
    close: () => void xvfb.kill(),
  };
}
