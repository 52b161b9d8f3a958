import { describe, expect, it } from 'vitest';
import { catalog } from '../../dev/i18n';
import { plural } from '../../src/diagnosis/plural';
import { translatorFor } from '../../src/diagnosis/translate';

const pl = translatorFor(catalog('pl'));
const en = translatorFor(catalog('en'));

describe('plural', () => {
  it.each([
    [1, '1 żądanie'],
    [2, '2 żądania'],
    [4, '4 żądania'],
    [5, '5 żądań'],
    [12, '12 żądań'],
    [22, '22 żądania'],
    [25, '25 żądań'],
  ])('picks the Polish form for %i by Intl.PluralRules (one, few, many)', (count, words) => {
    expect(plural(pl, 'summary_open', count)).toContain(words);
  });

  it('counts English by its rules: one for 1, other for the rest', () => {
    expect(plural(en, 'summary_open', 1)).toBe('1 request on this page was refused.');
    expect(plural(en, 'summary_open', 0)).toBe('0 requests on this page were refused.');
    expect(plural(en, 'summary_open', 21)).toBe('21 requests on this page were refused.');
  });

  it('puts the count first and the other values after it', () => {
    expect(plural(en, 'previous_title', 3, ['https://a.example'])).toBe('Before this page, https://a.example had 3 refused requests:');
  });

  it('falls back to the other form when the catalog lacks a category, and to English rules without a language', () => {
    const partial = translatorFor({ plural_rules_locale: { message: 'pl' }, x_other: { message: '$1 things' } });
    expect(plural(partial, 'marker', 5)).toBe('marker_other'); // neither form: the key shows, as any missing key does
    const sparse = translatorFor({ plural_rules_locale: { message: 'pl' }, marker_other: { message: '$1 ($2)' } });
    expect(plural(sparse, 'marker', 5, ['401'])).toBe('5 (401)');
    const untagged = translatorFor({ marker_one: { message: 'one' }, marker_other: { message: 'other' } });
    expect([1, 2, 5].map((n) => plural(untagged, 'marker', n))).toEqual(['one', 'other', 'other']);
  });
});
