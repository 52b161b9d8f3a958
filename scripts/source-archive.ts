/**
 * The source archive a Firefox Add-ons reviewer rebuilds from (AMO asks for it because Vite
 * minifies): every file git tracks or would track (.gitignore respected), read from the working
 * tree, plus BUILD.md with the exact steps. tests/e2e/source-archive.test.ts builds from it and
 * compares the result with dist-firefox/ file by file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { zipSync, type Zippable } from 'fflate';

/** Fixed entry times: the same source gives the same archive. */
const ENTRY_TIME = new Date('2026-01-01T00:00:00Z');

/** Tracked and untracked-but-not-ignored files, as paths relative to `root`. */
export function sourceFiles(root: string): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
  return listed
    .split('\0')
    .filter(Boolean)
    .filter((path) => existsSync(`${root}/${path}`)) // deleted but still in the index: skipped
    .sort();
}

/** "Debian GNU/Linux 12 (bookworm)" where /etc/os-release says so, else the platform. */
function systemName(): string {
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  return /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(osRelease)?.[1] ?? process.platform;
}

/** BUILD.md: the tools this archive was made with and the commands that rebuild the add-on. */
export function buildInstructions(version: string): string {
  const npmVersion = execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();
  return `# Building 401 Explainer ${version} from source

The Firefox package (\`401-explainer-firefox-${version}.zip\`) is the content of \`dist-firefox/\` after these steps.

Made with Node.js ${process.version} and npm ${npmVersion} on ${systemName()} (${process.arch}); any Node.js 20 or later
with npm 10 or later is expected to give the same files (the tests check it with the versions above).

1. Install Node.js (https://nodejs.org/) with npm.
2. In the folder this archive was unpacked into:

   \`\`\`sh
   npm ci
   npm run build
   \`\`\`

   With \`NODE_ENV\` unset or \`production\` (Vite builds differently under another value).

3. \`dist-firefox/\` now holds the add-on: compare it with the package. (\`dist/\` is the Chrome build.)

\`npm run build\` runs \`vite build && vite build --mode firefox\` (vite.config.ts): TypeScript and Preact are
bundled and minified by Vite (Rolldown); nothing is downloaded and no file is generated outside this archive.
The only third-party code in the package is \`preact\` and \`webextension-polyfill\`, installed by \`npm ci\` at the
versions package-lock.json pins.
`;
}

/** The zip of `root`'s source, with BUILD.md at its top. */
export function sourceArchive(root: string, version: string): Uint8Array {
  const entries: Zippable = {};
  for (const path of sourceFiles(root)) entries[path] = [readFileSync(`${root}/${path}`), { mtime: ENTRY_TIME }];
  entries['BUILD.md'] = [new TextEncoder().encode(buildInstructions(version)), { mtime: ENTRY_TIME }];
  return zipSync(entries, { level: 9 });
}
