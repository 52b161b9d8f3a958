/**
 * `npm run package`: what the stores take, named with package.json's version, in release/:
 * 401-explainer-chrome-<v>.zip (dist/), 401-explainer-edge-<v>.zip (dist/ for Edge Add-ons,
 * scripts/edge-package.ts), 401-explainer-firefox-<v>.zip (dist-firefox/, linted as addons.mozilla.org
 * lints it first; also for Firefox for Android), 401-explainer-source-<v>.zip (the source AMO reviewers rebuild
 * from, with BUILD.md) and BUILD.md beside them. web-ext (Mozilla's tool) zips the add-ons.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { edgePackage } from './edge-package';
import { buildInstructions, sourceArchive } from './source-archive';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const webExt = (...args: string[]) => execFileSync('npx', ['web-ext', ...args], { stdio: 'inherit' });

webExt('lint', '--source-dir', 'dist-firefox');
for (const [browser, dir] of [['chrome', 'dist'], ['firefox', 'dist-firefox']] as const) {
  const file = `401-explainer-${browser}-${version}.zip`;
  rmSync(`release/${file}`, { force: true });
  webExt('build', '--source-dir', dir, '--artifacts-dir', 'release', '--filename', file, '--overwrite-dest');
  console.log(`release/${file}`);
}
mkdirSync('release', { recursive: true });
writeFileSync(`release/401-explainer-edge-${version}.zip`, edgePackage('dist'));
console.log(`release/401-explainer-edge-${version}.zip`);
writeFileSync(`release/401-explainer-source-${version}.zip`, sourceArchive('.', version));
writeFileSync('release/BUILD.md', buildInstructions(version));
console.log(`release/401-explainer-source-${version}.zip`, 'release/BUILD.md');
