import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import baseManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { DEVTOOLS_HTML, devtoolsAsOwnBundle } from './build/devtools-bundle.ts';
import { pageMarkerAsOneScript } from './build/page-marker-bundle.ts';
import { POPUP_HTML, popupAsOneBundle } from './build/popup-bundle.ts';

/**
 * package.json is the one place the version is set. The popup and the DevTools pages are built apart
 * (build/popup-bundle.ts, build/devtools-bundle.ts), so crxjs gets the manifest without them.
 */
const { action: fullAction, devtools_page, ...rest } = baseManifest;
const { default_popup, ...action } = fullAction;
if (default_popup !== POPUP_HTML) throw new Error(`manifest.json: action.default_popup must be ${POPUP_HTML}`);
if (devtools_page !== DEVTOOLS_HTML) throw new Error(`manifest.json: devtools_page must be ${DEVTOOLS_HTML}`);
const manifest = { ...rest, action, version: pkg.version };

/**
 * `vite build` → dist/ for Chrome; `vite build --mode firefox` → dist-firefox/.
 * Firefox runs the background as an event page script, not a service worker, and needs an add-on id.
 * Chrome cannot make "proxy" optional (it adds no warning beyond the host access we have); Firefox can.
 */
function firefoxManifest(): ManifestV3Export {
  const { service_worker, ...background } = manifest.background;
  const { minimum_chrome_version: _chromeOnly, ...common } = manifest;
  return {
    ...common,
    permissions: manifest.permissions.filter((p) => p !== 'proxy'),
    optional_permissions: [...manifest.optional_permissions, 'proxy'],
    background: { ...background, scripts: [service_worker] },
    browser_specific_settings: {
      // Firefox's data consent: this extension collects and transmits nothing.
      gecko: { id: '401-explainer@example.org', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
      // Firefox for Android: data_collection_permissions needs 142 there (MDN browser-compat-data; MV3 109,
      // storage.session 115, permissions.request 120). What it lacks is in src/popup/fixes.ts (notOnAndroid).
      gecko_android: { strict_min_version: '142.0' },
    },
  } as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  const outDir = firefox ? 'dist-firefox' : 'dist';
  const target = 'es2022';
  return {
    plugins: [
      crx({ manifest: firefox ? firefoxManifest() : manifest, browser: firefox ? 'firefox' : 'chrome' }),
      popupAsOneBundle(outDir, target),
      pageMarkerAsOneScript(outDir, target),
      devtoolsAsOwnBundle(outDir, target),
    ],
    // No modulepreload polyfill: both browsers preload natively, and the polyfill would put fetch() in our bundle.
    build: { outDir, emptyOutDir: true, target, modulePreload: { polyfill: false } },
  };
});
