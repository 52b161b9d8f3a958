import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/diagnosis/causes';
import { duration } from '../../src/diagnosis/evidence-text';
import type { Likelihood } from '../../src/diagnosis/strength';
import { type Translate, translatorFor } from '../../src/diagnosis/translate';
import type { HarReadError } from '../../src/har/read-har';
import type { RemovedWhere } from '../../src/har/sanitize-har';
import { FIXES } from '../../src/popup/fixes';
import type { CheckState } from '../../src/view/checklist';
import type { CurlCommand } from '../../src/view/curl-command';
import { NAMED_RESOURCE_TYPES, NAMED_SCHEMES } from '../../src/view/describe-refusal';
import { CONTROL_KEYS } from '../../src/view/proxy-setting';
import { statusGuide } from '../../src/view/status-guide';
import { catalog } from '../../dev/i18n';

const en = catalog('en');
const languages = readdirSync('public/_locales');

/** Every key a translator is asked for while `use` runs. */
function keysAskedBy(use: (t: Translate) => unknown): string[] {
  const asked: string[] = [];
  use((key) => {
    asked.push(key);
    return key;
  });
  return asked;
}

// Keys built from a type's members (`likelihood_${likelihood}`): a new member is a type error here until listed.
const LIKELIHOODS: Record<Likelihood, true> = { likely: true, possible: true, unlikely: true };
const CHECK_STATES: Record<CheckState, true> = { yes: true, no: true, unknown: true };
const REMOVED_WHERE: Record<RemovedWhere, true> = { request_header: true, response_header: true, query: true, url: true, request_body: true, response_body: true, cookie: true };
const HAR_ERRORS: Record<HarReadError, true> = { too_large: true, not_json: true, not_har: true, no_entries: true };
const CURL_REFUSALS: Record<Extract<CurlCommand, { ok: false }>['reason'], true> = { method: true, url: true };

/** Keys the code takes from tables or builds from ids, which the static scan of t('…') cannot see; read from the code itself. */
const TABLE_KEYS: Record<string, string[]> = {
  'the fix labels (src/popup/fixes.ts)': FIXES.map((fix) => fix.label),
  likelihoods: Object.keys(LIKELIHOODS).map((likelihood) => `likelihood_${likelihood}`),
  'checklist states': Object.keys(CHECK_STATES).map((state) => `check_${state}`),
  'what a sanitized HAR removed (src/devtools)': Object.keys(REMOVED_WHERE).map((where) => `har_where_${where}`),
  'HAR read errors (src/devtools)': Object.keys(HAR_ERRORS).map((error) => `har_error_${error}`),
  'curl refusals': Object.keys(CURL_REFUSALS).map((reason) => `curl_refused_${reason}`),
  'scheme names': [...NAMED_SCHEMES].map((scheme) => `scheme_${scheme}`),
  'resource type names': [...NAMED_RESOURCE_TYPES].map((type) => `type_${type}`),
  'who set the proxy': Object.values(CONTROL_KEYS),
  'the status guide': keysAskedBy((t) => statusGuide(t)),
  durations: keysAskedBy((t) => [1, 5, 600, 36_000, 864_000].map((seconds) => duration(seconds, t))),
};

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

  it('every key the code asks for exists (static scan of t("…") calls, their ternaries and parse problems)', () => {
    const files = readdirSync('src', { recursive: true }).map(String).filter((f) => /\.(ts|tsx)$/.test(f));
    const asked = new Set<string>();
    for (const file of files) {
      const code = readFileSync(join('src', file), 'utf8');
      for (const match of code.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) asked.add(match[1]!);
      for (const match of code.matchAll(/\bt\([^'`\n]*?\?\s*'([A-Za-z0-9_]+)'\s*:\s*'([A-Za-z0-9_]+)'/g)) asked.add(match[1]!).add(match[2]!);
      for (const match of code.matchAll(/\bproblem\(\s*'([A-Za-z0-9_]+)'/g)) asked.add(match[1]!);
    }
    expect(asked.size).toBeGreaterThan(100);
    for (const key of asked) expect(en, key).toHaveProperty(key);
  });

  it.each(Object.entries(TABLE_KEYS))('every key of %s exists in every language', (_what, keys) => {
    expect(keys.length).toBeGreaterThan(0);
    for (const lang of languages) {
      const messages = catalog(lang);
      for (const key of keys) expect(messages, `${lang}: ${key}`).toHaveProperty(key);
    }
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
