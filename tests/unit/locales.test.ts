import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/diagnosis/causes';
import { translatorFor } from '../../src/diagnosis/translate';
import { catalog } from '../../dev/i18n';

const en = catalog('en');
const languages = readdirSync('public/_locales');

describe('locales', () => {
  it('ship English (default) and German', () => {
    expect(languages.sort()).toEqual(['de', 'en']);
    expect(JSON.parse(readFileSync('manifest.json', 'utf8')).default_locale).toBe('en');
  });

  it.each(languages)('%s has exactly the keys English has, each non-empty, with the same placeholders', (lang) => {
    const messages = catalog(lang);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(messages)) {
      expect(message.trim(), key).not.toBe('');
      const placeholders = (text: string) => [...text.replace(/\$\$/g, '').matchAll(/\$[1-9]/g)].map((m) => m[0]).sort();
      expect(placeholders(message), key).toEqual(placeholders(en[key]!.message));
    }
  });

  it('every key the code asks for exists (static scan of t("…") calls and cause texts)', () => {
    const files = readdirSync('src', { recursive: true }).map(String).filter((f) => /\.(ts|tsx)$/.test(f));
    const asked = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(join('src', file), 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) asked.add(match[1]!);
    }
    expect(asked.size).toBeGreaterThan(100);
    for (const key of asked) expect(en, key).toHaveProperty(key);
  });

  it("each cause's words are exactly the keys its definition asks for (title, visitor and owner steps)", () => {
    const expected = CAUSES.flatMap((cause) => {
      const key = `cause_${cause.id.replace(/-/g, '_')}`;
      return [`${key}_title`, ...cause.visitorSteps.map((_, i) => `${key}_visitor_${i + 1}`), ...Array.from({ length: cause.ownerSteps }, (_, i) => `${key}_owner_${i + 1}`)];
    });
    expect(Object.keys(en).filter((key) => /^cause_.+_(title|visitor_\d+|owner_\d+)$/.test(key)).sort()).toEqual(expected.sort());
  });

  it('translatorFor follows chrome.i18n: $1..$9 substitute, $$ is a dollar', () => {
    const t = translatorFor({ a: { message: 'x=$1, y=$2, cost $$3' } });
    expect(t('a', ['1', 2])).toBe('x=1, y=2, cost $3');
    expect(t('missing')).toBe('missing');
  });
});
