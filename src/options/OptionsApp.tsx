import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { sendToWorker } from '../shared/messages';
import { loadSettings, saveSettings, watchSettings } from '../shared/settings';
import { DEFAULT_SETTINGS, normalizeHost, type Settings } from '../shared/settings-schema';

/** Settings take effect at once: every change is saved and the worker applies it on storage change. */
export function OptionsApp() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [siteInput, setSiteInput] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    void loadSettings().then(setSettings, () => setSettings(DEFAULT_SETTINGS));
    return watchSettings(setSettings);
  }, []);

  if (!settings) return <p>Loading…</p>;

  const update = (change: Partial<Settings>) => {
    const next = { ...settings, ...change };
    setSettings(next);
    void saveSettings(next).then(() => setMessage('Saved.'));
  };

  const addSite = (event: Event) => {
    event.preventDefault();
    const host = normalizeHost(siteInput);
    if (!host) {
      setMessage(`"${siteInput}" is not a site name or address.`);
      return;
    }
    if (!settings.ignoredSites.includes(host)) update({ ignoredSites: [...settings.ignoredSites, host] });
    setSiteInput('');
  };

  const clearData = async () => {
    await sendToWorker(browser.runtime, { type: 'options:clear-data' });
    setMessage('Stored data about refused requests was cleared.');
  };

  return (
    <main aria-labelledby="title">
      <h1 id="title">401 Explainer settings</h1>
      <fieldset>
        <legend>Warnings</legend>
        <label>
          <input type="checkbox" checked={settings.showMarker} onChange={(e) => update({ showMarker: e.currentTarget.checked })} /> Show a notice on pages with
          refused requests
        </label>
        <p class="choice-title" id="scope-title">
          Badge and notice for:
        </p>
        <div role="radiogroup" aria-labelledby="scope-title">
          <label>
            <input type="radio" name="scope" checked={settings.badgeScope === 'all'} onChange={() => update({ badgeScope: 'all' })} /> every refused request (page,
            API calls, images…)
          </label>
          <label>
            <input type="radio" name="scope" checked={settings.badgeScope === 'main-frame'} onChange={() => update({ badgeScope: 'main-frame' })} /> only when the page
            itself is refused
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Sites to ignore</legend>
        <form onSubmit={addSite}>
          <label for="site">Site (a host covers its subdomains)</label>
          <input id="site" type="text" placeholder="intranet.example.com" value={siteInput} onInput={(e) => setSiteInput(e.currentTarget.value)} />
          <button type="submit">Add</button>
        </form>
        {settings.ignoredSites.length === 0 ? (
          <p>No site is ignored.</p>
        ) : (
          <ul class="sites" data-testid="ignored-sites">
            {settings.ignoredSites.map((site) => (
              <li key={site}>
                {site}{' '}
                <button type="button" aria-label={`Stop ignoring ${site}`} onClick={() => update({ ignoredSites: settings.ignoredSites.filter((s) => s !== site) })}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <fieldset>
        <legend>Stored data</legend>
        <p>Refused requests are kept in memory only, until the tab navigates or closes. No data ever leaves your browser.</p>
        <button type="button" onClick={() => void clearData()}>
          Clear stored data now
        </button>
      </fieldset>
      <p role="status" aria-live="polite" data-testid="options-status">
        {message}
      </p>
    </main>
  );
}
