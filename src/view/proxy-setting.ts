/**
 * Reads the browser's proxy setting (`proxy.settings.get`) into plain words: is a proxy set in
 * the browser, which one, and who set it. Pure: the popup passes in what the browser returned.
 *
 * Chrome reports `{ mode, rules, pacScript }`; Firefox reports `{ proxyType, http, autoConfigUrl }`.
 * "system" (the default in both) means the browser sets no proxy of its own and follows the
 * operating system's settings, which no extension API can read: that is reported as "no proxy set
 * in the browser", with the system named as the place to look.
 */
import type { Translate } from '../diagnosis/translate';

export interface ProxyReading {
  /** A proxy is set in the browser: true, false, or null when it cannot be told (auto-detect, unknown). */
  configured: boolean | null;
  /** One sentence for the person: what is set, by whom, and where else to look. */
  message: string;
}

interface SettingShape {
  value?: {
    mode?: unknown;
    proxyType?: unknown;
    rules?: { singleProxy?: { scheme?: unknown; host?: unknown; port?: unknown }; proxyForHttp?: { scheme?: unknown; host?: unknown; port?: unknown } };
    pacScript?: { url?: unknown };
    http?: unknown;
    autoConfigUrl?: unknown;
  };
  levelOfControl?: unknown;
}

/** chrome.types levelOfControl → who set the proxy (Firefox uses the same values). */
export const CONTROL_KEYS: Readonly<Record<string, string>> = {
  not_controllable: 'proxy_by_policy',
  controlled_by_other_extensions: 'proxy_by_extension',
  controlled_by_this_extension: 'proxy_by_us',
  controllable_by_this_extension: 'proxy_by_browser',
};

/** Chrome's modes and Firefox's proxy types, by what they mean. */
const KINDS: Record<string, 'direct' | 'system' | 'fixed' | 'script' | 'auto-detect'> = {
  direct: 'direct',
  none: 'direct',
  system: 'system',
  fixed_servers: 'fixed',
  manual: 'fixed',
  pac_script: 'script',
  autoConfig: 'script',
  auto_detect: 'auto-detect',
  autoDetect: 'auto-detect',
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : null);

function serverOf(value: NonNullable<SettingShape['value']>): string | null {
  const single = value.rules?.singleProxy ?? value.rules?.proxyForHttp;
  const host = text(single?.host);
  if (host) {
    const port = typeof single?.port === 'number' ? `:${single.port}` : '';
    return `${text(single?.scheme) ?? 'http'}://${host}${port}`;
  }
  return text(value.http);
}

/** The host a proxy script is loaded from: its path or query could hold a token, so only the host is shown. */
function scriptHostOf(value: NonNullable<SettingShape['value']>): string | null {
  const url = text(value.pacScript?.url) ?? text(value.autoConfigUrl);
  if (!url) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

export function readProxySetting(setting: unknown, t: Translate): ProxyReading {
  const shape = (typeof setting === 'object' && setting !== null ? setting : {}) as SettingShape;
  const value = typeof shape.value === 'object' && shape.value !== null ? shape.value : {};
  const mode = text(value.mode) ?? text(value.proxyType);
  const who = t(CONTROL_KEYS[String(shape.levelOfControl)] ?? 'proxy_by_unknown');
  switch (mode === null ? undefined : KINDS[mode]) {
    case 'direct':
      return { configured: false, message: t('proxy_none', [who]) };
    case 'system':
      return { configured: false, message: t('proxy_system') };
    case 'fixed': {
      const server = serverOf(value);
      return { configured: true, message: t('proxy_configured', [server ?? mode!, who]) };
    }
    case 'script': {
      const host = scriptHostOf(value);
      return { configured: true, message: t('proxy_script', [host ? t('proxy_script_from', [host]) : t('proxy_script_inline'), who]) };
    }
    case 'auto-detect':
      return { configured: null, message: t('proxy_auto_detect', [who]) };
    default:
      return { configured: null, message: t('proxy_unknown', [mode ?? '?']) };
  }
}
