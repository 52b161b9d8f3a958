/** The extension's Translate: browser.i18n with the locale the browser picked (_locales/, default en). */
import browser from 'webextension-polyfill';
import type { Translate } from '../diagnosis/translate';

export const t: Translate = (key, substitutions = []) => browser.i18n.getMessage(key, substitutions.map(String)) || key;
