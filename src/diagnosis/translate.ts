/**
 * Text lookup for the pure core. The core never calls a browser API: callers pass a `Translate`
 * (the extension: browser.i18n.getMessage; tests: `translatorFor` over a messages.json).
 */

/** Looks up a message by key, filling $1…$9 with the substitutions. */
export type Translate = (key: string, substitutions?: ReadonlyArray<string | number>) => string;

/** The shape of a `_locales/<lang>/messages.json` file. */
export type MessageCatalog = Record<string, { message: string; description?: string }>;

/**
 * A Translate over a catalog, with chrome.i18n's rules: `$1`…`$9` take the substitutions, `$$` is
 * a dollar sign. A missing key yields the key itself, so a gap shows instead of failing.
 */
export function translatorFor(catalog: MessageCatalog): Translate {
  return (key, substitutions = []) => {
    const entry = catalog[key];
    if (!entry) return key;
    return entry.message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : String(substitutions[Number(which) - 1] ?? '')));
  };
}
