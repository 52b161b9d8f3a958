/**
 * The words of the popup and the options page come through context: the extension provides
 * browser.i18n (popup/main.tsx, options/OptionsApp.tsx), tests and previews a catalog's translator.
 * No component imports the browser-bound i18n module itself.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '../diagnosis/translate';

export const TranslateContext = createContext<Translate>((key) => key);

export function useT(): Translate {
  return useContext(TranslateContext);
}
