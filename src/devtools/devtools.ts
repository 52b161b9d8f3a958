/**
 * The DevTools page: runs while DevTools is open on a tab, and only adds the panel. The panel's own
 * page (loaded when it is first shown) does all the listening; the worker is never involved.
 * Through webextension-polyfill like every page: Chrome 148–151 hides the native `browser`
 * namespace from extensions that declare a devtools_page, and the polyfill then wraps `chrome`.
 */
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';

void browser.devtools.panels.create(t('extName'), '/icons/icon-32.png', '/src/devtools/panel.html');
