import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { HostAccessNotice } from '../ui/HostAccessNotice';
import { TranslateContext } from '../ui/translate-context';
import { askCookiePermission, giveBackCookiePermission, hasCookiePermission } from '../shared/cookie-consent';
import { hasHostAccess, requestHostAccess } from '../shared/host-access';
import { t } from '../shared/i18n';
import { sendToWorker } from '../shared/messages';
import { loadSettings, saveSettings, watchSettings } from '../shared/storage';
import { DEFAULT_SETTINGS, normalizeHost, type Settings } from '../shared/storage-schema';

/** Settings take effect at once: every change is saved and the worker applies it on storage change. */
export function OptionsApp() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [siteInput, setSiteInput] = useState('');
  const [message, setMessage] = useState('');
  const [hostAccess, setHostAccess] = useState(true);
  const [cookiePermission, setCookiePermission] = useState(false);

  useEffect(() => {
    void loadSettings().then(setSettings, () => setSettings(DEFAULT_SETTINGS));
    void hasHostAccess().then(setHostAccess, () => {});
    void hasCookiePermission().then(setCookiePermission);
    return watchSettings(setSettings);
  }, []);

  if (!settings) return <p>{t('popup_loading')}</p>;

  const update = (change: Partial<Settings>) => {
    const next = { ...settings, ...change };
    setSettings(next);
    void saveSettings(next).then(() => setMessage(t('options_saved')));
  };

  const addSite = (event: Event) => {
    event.preventDefault();
    const host = normalizeHost(siteInput);
    if (!host) {
      setMessage(t('options_bad_site', [siteInput]));
      return;
    }
    if (!settings.ignoredSites.includes(host)) update({ ignoredSites: [...settings.ignoredSites, host] });
    setSiteInput('');
  };

  /** On: the permission is asked for first (the click's gesture), then the setting saved. Off: both given back. */
  const setCookieWatch = (on: boolean) => {
    if (!on) {
      update({ cookieWatch: false });
      void giveBackCookiePermission().then(() => setCookiePermission(false));
      return;
    }
    void askCookiePermission().then((granted) => {
      setCookiePermission(granted);
      if (granted) update({ cookieWatch: true });
      else setMessage(t('options_cookie_watch_denied'));
    });
  };

  const clearData = async () => {
    await sendToWorker(browser.runtime, { type: 'options:clear-data' });
    setMessage(t('options_cleared'));
  };

  return (
    <main aria-labelledby="title">
      <h1 id="title">{t('options_title')}</h1>
      {!hostAccess && (
        <TranslateContext.Provider value={t}>
          <HostAccessNotice request={requestHostAccess} />
        </TranslateContext.Provider>
      )}
      <fieldset>
        <legend>{t('options_warnings')}</legend>
        <label>
          <input type="checkbox" checked={settings.showMarker} onChange={(e) => update({ showMarker: e.currentTarget.checked })} /> {t('options_show_marker')}
        </label>
        <p class="choice-title" id="scope-title">
          {t('options_scope')}
        </p>
        <div role="radiogroup" aria-labelledby="scope-title">
          <label>
            <input type="radio" name="scope" checked={settings.badgeScope === 'all'} onChange={() => update({ badgeScope: 'all' })} /> {t('options_scope_all')}
          </label>
          <label>
            <input type="radio" name="scope" checked={settings.badgeScope === 'main-frame'} onChange={() => update({ badgeScope: 'main-frame' })} />{' '}
            {t('options_scope_page')}
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('options_ignored')}</legend>
        <form onSubmit={addSite}>
          <label for="site">{t('options_site_label')}</label>
          <input id="site" type="text" placeholder="intranet.example.com" value={siteInput} onInput={(e) => setSiteInput(e.currentTarget.value)} />
          <button type="submit">{t('options_add')}</button>
        </form>
        {settings.ignoredSites.length === 0 ? (
          <p>{t('options_no_sites')}</p>
        ) : (
          <ul class="sites" data-testid="ignored-sites">
            {settings.ignoredSites.map((site) => (
              <li key={site}>
                {site}{' '}
                <button type="button" aria-label={t('options_remove_site', [site])} onClick={() => update({ ignoredSites: settings.ignoredSites.filter((s) => s !== site) })}>
                  {t('options_remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('options_cookie_watch')}</legend>
        <label>
          <input
            type="checkbox"
            data-testid="cookie-watch"
            checked={settings.cookieWatch && cookiePermission}
            onChange={(e) => setCookieWatch(e.currentTarget.checked)}
          />{' '}
          {t('options_cookie_watch_label')}
        </label>
        <p>{t('options_cookie_watch_text')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('options_stored')}</legend>
        <p>{t('options_stored_text')}</p>
        <button type="button" onClick={() => void clearData()}>
          {t('options_clear')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('options_har_title')}</legend>
        <p>{t('options_har_text')}</p>
        {/* The DevTools panel's page, opened outside DevTools, reads HAR files (src/devtools/). */}
        <a href="../devtools/panel.html" target="_blank" rel="noopener" data-testid="open-har-reader">
          {t('options_har_open')}
        </a>
      </fieldset>
      <p role="status" aria-live="polite" data-testid="options-status">
        {message}
      </p>
    </main>
  );
}
