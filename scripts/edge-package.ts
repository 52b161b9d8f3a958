/**
 * The Microsoft Edge package: the Chromium build (dist/) as it is, its manifest without what only the
 * Chrome Web Store uses (`update_url`: Edge Add-ons updates what it hosts). tests/e2e/edge-package.test.ts
 * unpacks it and loads it in Chromium.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** Fixed entry times: the same build gives the same zip. */
const ENTRY_TIME = new Date('2026-01-01T00:00:00Z');

/** Manifest keys Edge Add-ons does not take from a Chrome build. */
const CHROME_STORE_ONLY = ['update_url'];

/** dist/'s manifest.json as Edge gets it. */
export function edgeManifest(chromeManifest: string): string {
  const manifest = JSON.parse(chromeManifest) as Record<string, unknown>;
  for (const key of CHROME_STORE_ONLY) delete manifest[key];
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The zip of `distDir` (the Chromium build) for Edge Add-ons. */
export function edgePackage(distDir: string): Uint8Array {
  const entries: Zippable = {};
  for (const entry of readdirSync(distDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(distDir, path).split('\\').join('/');
    const bytes = name === 'manifest.json' ? new TextEncoder().encode(edgeManifest(readFileSync(path, 'utf8'))) : readFileSync(path);
    entries[name] = [bytes, { mtime: ENTRY_TIME }];
  }
  return zipSync(entries, { level: 9 });
}
