/**
 * Builds the DevTools page and its panel apart from crxjs's shared chunks, as the popup is
 * (build/popup-bundle.ts), so that adding them changes nothing in the worker's bundle: the panel
 * costs nothing until DevTools opens. crxjs gets the manifest without `devtools_page`; once it has
 * written its output, this plugin puts the entry back and builds the two pages into the same
 * directory (they share one chunk, the polyfill and Preact, with each other only).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';

export const DEVTOOLS_HTML = 'src/devtools/devtools.html';
export const PANEL_HTML = 'src/devtools/panel.html';

export function devtoolsAsOwnBundle(outDir: string, target: string): Plugin {
  return {
    name: 'devtools-as-own-bundle',
    apply: 'build',
    closeBundle: {
      // After the popup's plugin: both rewrite manifest.json.
      order: 'post',
      sequential: true,
      async handler() {
        const manifestPath = join(outDir, 'manifest.json');
        const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
        manifest.devtools_page = DEVTOOLS_HTML;
        await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
        await build({
          configFile: false,
          logLevel: 'warn',
          build: {
            outDir,
            emptyOutDir: false,
            copyPublicDir: false,
            target,
            modulePreload: { polyfill: false },
            rollupOptions: { input: [DEVTOOLS_HTML, PANEL_HTML] },
          },
        });
      },
    },
  };
}
