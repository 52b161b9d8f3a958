/** Which parts of the UI may import which: the options page and the shared UI do not reach into the popup. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function importsOf(folder: string): Array<{ file: string; from: string }> {
  const files = readdirSync(folder, { recursive: true }).map(String).filter((f) => /\.(ts|tsx)$/.test(f));
  return files.flatMap((file) => [...readFileSync(join(folder, file), 'utf8').matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'/g)].map((m) => ({ file, from: (m[1] ?? m[2])! })));
}

describe('module boundaries', () => {
  it.each(['src/options', 'src/ui', 'src/devtools'])('%s imports nothing from src/popup (what both use lives in src/ui)', (folder) => {
    const imports = importsOf(folder);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter(({ from }) => /(^|\/)popup\//.test(from))).toEqual([]);
  });
});
