/**
 * Counted text. A counted message has one key per plural category its language needs (`summary_open_one`,
 * `_few`, `_many`, `_other`, …), and Intl.PluralRules picks the category. The rules are those of the catalog
 * in use, which names its language in `plural_rules_locale`: a browser in a language without a catalog
 * reads the fallback catalog, and must count by that catalog's rules, not by its own.
 */
import type { Translate } from './translate';

/** Every counted message, by the part of its keys before the category. The locale test checks each language has the categories it needs. */
export const PLURAL_MESSAGES = [
  'badge_title',
  'dev_cookie_count',
  'dev_dropped',
  'dev_page',
  'dur_days',
  'dur_hours',
  'dur_minutes',
  'dur_seconds',
  'ev_cookies_sent',
  'ev_loop',
  'ev_repeated',
  'ev_tpc_jar_others',
  'fix_clear_plan',
  'fix_cleared',
  'marker',
  'panel_export_count',
  'previous_title',
  'report_cookies',
  'report_dropped',
  'request_refused_times',
  'requests_show_all',
  'signin_dropped',
  'summary_all_recovered',
  'summary_background',
  'summary_dropped',
  'summary_more_recovered',
  'summary_open',
  'summary_open_recovered',
] as const;

export type PluralMessage = (typeof PLURAL_MESSAGES)[number];

/** The key naming the catalog's own language (a BCP 47 tag such as `pl`); no one reads it as text. */
export const PLURAL_LOCALE_KEY = 'plural_rules_locale';

const rulesByLocale = new Map<string, Intl.PluralRules>();

function rulesFor(locale: string): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(locale);
    } catch {
      rules = new Intl.PluralRules('en'); // a catalog without the key yields the key itself, not a language tag
    }
    rulesByLocale.set(locale, rules);
  }
  return rules;
}

/**
 * The message `base` for `count`, with the count as `$1` and `substitutions` from `$2` on. A category
 * the catalog lacks falls back to `<base>_other`.
 */
export function plural(t: Translate, base: PluralMessage, count: number, substitutions: ReadonlyArray<string | number> = []): string {
  const values = [count, ...substitutions];
  const key = `${base}_${rulesFor(t(PLURAL_LOCALE_KEY)).select(count)}`;
  const text = t(key, values);
  return text === key ? t(`${base}_other`, values) : text;
}
