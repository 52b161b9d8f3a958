import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Server strings must only ever reach the page as text. Preact escapes what it renders; this
 * guards the escape hatches (web-ext lint flags Preact's own innerHTML support, which we never call).
 */
describe('no HTML injection points in our source', () => {
  const files = readdirSync('src', { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|tsx)$/.test(f));

  it.each(files)('%s', (file) => {
    const code = readFileSync(join('src', file), 'utf8');
    expect(code).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
  });
});
