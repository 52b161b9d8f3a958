import { describe, expect, it } from 'vitest';
import { browserProxyFact } from '../../src/view/checklist';
import { readProxySetting } from '../../src/view/proxy-setting';
import { en } from '../../dev/i18n';

const read = (setting: unknown) => readProxySetting(setting, en);

describe('readProxySetting: what chrome.proxy / browser.proxy report, in words', () => {
  it('system (the default in both browsers): no proxy set in the browser, look in the operating system', () => {
    for (const value of [{ mode: 'system' }, { proxyType: 'system' }]) {
      const reading = read({ value, levelOfControl: 'controllable_by_this_extension' });
      expect(reading.configured).toBe(false);
      expect(reading.message).toMatch(/^No proxy is set in the browser: it follows your system's proxy settings/);
    }
  });

  it('direct / none: no proxy, and who set that', () => {
    expect(read({ value: { mode: 'direct' }, levelOfControl: 'not_controllable' })).toEqual({
      configured: false,
      message: 'No proxy: the browser connects directly (set by a policy or the command line (it cannot be changed here)).',
    });
    expect(read({ value: { proxyType: 'none' }, levelOfControl: 'controllable_by_this_extension' }).configured).toBe(false);
  });

  it('fixed servers (Chrome, --proxy-server) and manual (Firefox): the proxy address and who set it', () => {
    const chrome = read({ value: { mode: 'fixed_servers', rules: { singleProxy: { scheme: 'http', host: '127.0.0.1', port: 3128 } } }, levelOfControl: 'not_controllable' });
    expect(chrome).toEqual({ configured: true, message: 'A proxy is configured (http://127.0.0.1:3128), set by a policy or the command line (it cannot be changed here).' });
    const perScheme = read({ value: { mode: 'fixed_servers', rules: { proxyForHttp: { host: 'proxy.corp', port: 8080 } } }, levelOfControl: 'controlled_by_other_extensions' });
    expect(perScheme.message).toBe('A proxy is configured (http://proxy.corp:8080), set by another extension.');
    const firefox = read({ value: { proxyType: 'manual', http: 'proxy.corp:8080' }, levelOfControl: 'controllable_by_this_extension' });
    expect(firefox).toEqual({ configured: true, message: 'A proxy is configured (proxy.corp:8080), set in the browser settings or on its command line.' });
  });

  it('a proxy script: names only the host it comes from (its path or query may hold a token)', () => {
    const pac = read({ value: { mode: 'pac_script', pacScript: { url: 'https://wpad.corp.example/proxy.pac?token=s3cret' } }, levelOfControl: 'not_controllable' });
    expect(pac.configured).toBe(true);
    expect(pac.message).toContain('(loaded from wpad.corp.example)');
    expect(pac.message).not.toContain('s3cret');
    expect(read({ value: { mode: 'pac_script', pacScript: { data: 'function FindProxyForURL(){}' } } }).message).toContain('(stored in the settings)');
    expect(read({ value: { proxyType: 'autoConfig', autoConfigUrl: 'not a url' } }).message).toContain('(stored in the settings)');
  });

  it('auto-detect cannot be told either way; unknown or malformed settings never throw', () => {
    expect(read({ value: { mode: 'auto_detect' } }).configured).toBeNull();
    expect(read({ value: { proxyType: 'autoDetect' } }).message).toContain('auto-detect');
    for (const odd of [undefined, null, 'x', 42, {}, { value: null }, { value: { mode: 7 } }, { value: { mode: 'quantum' } }]) {
      const reading = read(odd);
      expect(reading.configured).toBeNull();
      expect(reading.message).toMatch(/^The browser reports a proxy setting this extension does not know/);
    }
  });
});

describe('browserProxyFact', () => {
  it('is a checklist fact: yes when a proxy is set, no when not, unknown when it could not be read', () => {
    expect(browserProxyFact({ configured: true, message: '' }, en)).toMatchObject({ id: 'browser-proxy', label: 'A proxy is set in the browser', state: 'yes', goodWhen: 'no' });
    expect(browserProxyFact({ configured: false, message: '' }, en).state).toBe('no');
    expect(browserProxyFact(null, en).state).toBe('unknown');
  });
});
