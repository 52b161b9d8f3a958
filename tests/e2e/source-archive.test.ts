/**
 * What an addons.mozilla.org reviewer does with the source archive: unpack it, run the commands its
 * BUILD.md gives, and compare the result with the package. Here the package is this checkout's
 * dist-firefox/ (and dist/), built by `npm test` before this suite.
 */
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, test } from 'vitest';
import { sourceArchive } from '../../scripts/source-archive';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const unpacked = mkdtempSync(join(tmpdir(), 'explainer-source-'));
afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

/** Every file under `dir` with the SHA-256 of its bytes. */
function fingerprint(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    result[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return result;
}

/** The commands of BUILD.md's shell block, one per line. */
function buildCommands(buildMd: string): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(buildMd)?.[1] ?? '';
  return block.split('\n').map((line) => line.trim()).filter(Boolean);
}

describe('the source archive for addons.mozilla.org', () => {
  test('holds the source and BUILD.md, and nothing built or secret', () => {
    const files = Object.keys(unzipSync(sourceArchive('.', version)));
    expect(files).toEqual(expect.arrayContaining(['BUILD.md', 'package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'src/background/index.ts']));
    expect(files.filter((f) => /^(node_modules|dist|dist-firefox|release)\//.test(f) || f.endsWith('.zip'))).toEqual([]);
  });

  test('building it as BUILD.md says gives the same dist-firefox/ and dist/ files', () => {
    for (const [path, bytes] of Object.entries(unzipSync(sourceArchive('.', version)))) {
      mkdirSync(dirname(join(unpacked, path)), { recursive: true });
      writeFileSync(join(unpacked, path), bytes);
    }
    const commands = buildCommands(readFileSync(join(unpacked, 'BUILD.md'), 'utf8'));
    expect(commands).toEqual(['npm ci', 'npm run build']);
    // A reviewer's shell: without the NODE_ENV=test and VITEST* variables this runner sets (NODE_ENV
    // changes what Vite builds). npm's cache from this checkout's own `npm ci` serves the packages.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')));
    Object.assign(env, { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' });
    for (const command of commands) execSync(command, { cwd: unpacked, stdio: 'pipe', env });
    expect(fingerprint(join(unpacked, 'dist-firefox')), 'dist-firefox/ differs: is it the build of this checkout? (npm run build)').toEqual(fingerprint('dist-firefox'));
    expect(fingerprint(join(unpacked, 'dist')), 'dist/ differs').toEqual(fingerprint('dist'));
  }, 300_000);
});
