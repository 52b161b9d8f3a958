/** The English messages as a Translate, for unit tests of code that takes one. */
import { readFileSync } from 'node:fs';
import { type MessageCatalog, translatorFor } from '../src/diagnosis/translate';

export function catalog(lang: string): MessageCatalog {
  return JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as MessageCatalog;
}

export const en = translatorFor(catalog('en'));
