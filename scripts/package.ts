/**
 * `npm run package`: store-ready zips of the built extension, named with package.json's version:
 * release/401-explainer-chrome-<version>.zip and release/401-explainer-firefox-<version>.zip.
 * web-ext (Mozilla's tool) does the zipping for both; the Firefox one is linted first.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const webExt = (...args: string[]) => execFileSync('npx', ['web-ext', ...args], { stdio: 'inherit' });

webExt('lint', '--source-dir', 'dist-firefox', '--self-hosted');
for (const [browser, dir] of [['chrome', 'dist'], ['firefox', 'dist-firefox']] as const) {
  const file = `401-explainer-${browser}-${version}.zip`;
  rmSync(`release/${file}`, { force: true });
  webExt('build', '--source-dir', dir, '--artifacts-dir', 'release', '--filename', file, '--overwrite-dest');
  console.log(`release/${file}`);
}
