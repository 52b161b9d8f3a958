import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/diagnosis/causes';
import { duration } from '../../src/diagnosis/evidence-text';
import { PLURAL_LOCALE_KEY, PLURAL_MESSAGES } from '../../src/diagnosis/plural';
import type { Likelihood } from '../../src/diagnosis/strength';
import { type Translate, translatorFor } from '../../src/diagnosis/translate';
import type { HarReadError } from '../../src/har/read-har';
import type { RemovedWhere } from '../../src/har/sanitize-har';
import { FIXES, UNAVAILABLE_ON_ANDROID } from '../../src/popup/fixes';
import type { CheckState } from '../../src/view/checklist';
import type { CurlCommand } from '../../src/view/curl-command';
import { NAMED_RESOURCE_TYPES, NAMED_SCHEMES } from '../../src/view/describe-refusal';
import { CONTROL_KEYS } from '../../src/view/proxy-setting';
import { statusGuide } from '../../src/view/status-guide';
import { catalog } from '../../dev/i18n';

const en = catalog('en');
const languages = readdirSync('public/_locales');

/** The BCP 47 tag of a _locales folder (`pt_BR` → `pt-BR`). */
const tagOf = (lang: string) => lang.replace('_', '-');
/** The plural categories a language's counted messages need, by Intl.PluralRules (Polish: one, few, many, other). */
const categoriesOf = (lang: string) => new Intl.PluralRules(tagOf(lang)).resolvedOptions().pluralCategories;
/** Keys that are a counted message's form, by the name's shape (`_other` alone is also an ordinary word: `type_other`). */
const PLURAL_FORM = /_(zero|one|two|few|many)$/;
const pluralForms = new Set(PLURAL_MESSAGES.flatMap((base) => ['zero', 'one', 'two', 'few', 'many', 'other'].map((category) => `${base}_${category}`)));
/** Whether a plural category covers the count 1 alone (English "one"; not Russian's, which also takes 21). */
const onlyForOne = (lang: string, category: string) => {
  const rules = new Intl.PluralRules(tagOf(lang));
  return Array.from({ length: 1001 }, (_, n) => n).every((n) => (rules.select(n) === category) === (n === 1));
};
const placeholders = (text: string) => [...text.replace(/\$\$/g, '').matchAll(/\$[1-9]/g)].map((m) => m[0]).sort();

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
  'what Firefox for Android cannot do (src/popup/fixes.ts)': Object.values(UNAVAILABLE_ON_ANDROID),
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
  it('ship English (default), German and Polish', () => {
    expect(languages.sort()).toEqual(['de', 'en', 'pl']);
    expect(JSON.parse(readFileSync('manifest.json', 'utf8')).default_locale).toBe('en');
  });

  it.each(languages)('%s is sorted by key, in the shared format (2-space JSON, UTF-8 unescaped, final newline)', (lang) => {
    const text = readFileSync(`public/_locales/${lang}/messages.json`, 'utf8');
    const messages = JSON.parse(text) as Record<string, unknown>;
    const sorted = Object.fromEntries(Object.entries(messages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(text).toBe(`${JSON.stringify(sorted, null, 2)}\n`);
  });

  it.each(languages)('%s has exactly the keys English has (counted messages aside), each non-empty, with the same placeholders', (lang) => {
    const messages = catalog(lang);
    const uncounted = (keys: string[]) => keys.filter((key) => !pluralForms.has(key)).sort();
    expect(uncounted(Object.keys(messages))).toEqual(uncounted(Object.keys(en)));
    for (const [key, { message }] of Object.entries(messages)) {
      expect(message.trim(), key).not.toBe('');
      if (!pluralForms.has(key)) expect(placeholders(message), key).toEqual(placeholders(en[key]!.message));
    }
  });

  it.each(languages)('%s names its own language for the plural rules', (lang) => {
    const tag = catalog(lang)[PLURAL_LOCALE_KEY]?.message;
    expect(tag).toBe(tagOf(lang));
    expect(new Intl.PluralRules(tag).resolvedOptions().locale).toBe(tagOf(lang));
  });

  it.each(languages)('%s has each counted message in exactly the plural categories its language needs, with the count as the first placeholder', (lang) => {
    const messages = catalog(lang);
    const needed = categoriesOf(lang);
    expect(needed).toContain('other');
    if (lang === 'pl') expect([...needed].sort()).toEqual(['few', 'many', 'one', 'other']);
    for (const base of PLURAL_MESSAGES) {
      const present = Object.keys(messages).filter((key) => pluralForms.has(key) && key.replace(/_[a-z]+$/, '') === base);
      expect(present.map((key) => key.slice(base.length + 1)).sort(), `${lang}: ${base}`).toEqual([...needed].sort());
      // Every form takes what English's "other" form takes; only the count itself may be left out ("A request was refused").
      const others = placeholders(en[`${base}_other`]!.message);
      expect(others, `en: ${base}_other`).toContain('$1');
      for (const key of present) {
        const own = placeholders(messages[key]!.message);
        expect(own.filter((p) => p !== '$1'), `${lang}: ${key}`).toEqual(others.filter((p) => p !== '$1'));
        if (!onlyForOne(lang, key.slice(base.length + 1))) expect(own, `${lang}: ${key} shows the count`).toContain('$1');
      }
    }
  });

  it('a key named like a plural form belongs to a listed counted message (src/diagnosis/plural.ts)', () => {
    for (const lang of languages) {
      const stray = Object.keys(catalog(lang)).filter((key) => PLURAL_FORM.test(key) && !pluralForms.has(key));
      expect(stray, lang).toEqual([]);
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
