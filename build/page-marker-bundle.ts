/**
 * Builds the page marker's script (src/content/index.ts) as one classic script, `page-marker.js`,
 * which the worker injects with scripting.executeScript.
 *
 * Why not a crxjs content script: crxjs loads content scripts through a small loader that imports
 * the real module by URL, so those modules must be web-accessible — and any page can then fetch
 * `chrome-extension://<id>/assets/…` to learn the extension is installed. An injected file needs no
 * web_accessible_resources at all. One file with no imports also starts faster.
 */
import { build, type Plugin } from 'vite';

export const PAGE_MARKER_ENTRY = 'src/content/index.ts';
export const PAGE_MARKER_FILE = 'page-marker.js';

export function pageMarkerAsOneScript(outDir: string, target: string): Plugin {
  return {
    name: 'page-marker-as-one-script',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          target,
          lib: { entry: PAGE_MARKER_ENTRY, formats: ['iife'], name: 'explainer401Marker', fileName: () => PAGE_MARKER_FILE },
        },
      });
    },
  };
}
