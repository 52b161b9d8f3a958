/** Sites and cookie domains by their host names: pure, shared by capture, diagnosis and view. */

/** A rough registrable domain of a host: its last two labels (three for two-letter second levels such as co.uk); an IP address as it is. */
export function siteOfHost(host: string): string {
  const name = host.toLowerCase().replace(/^www\./, '');
  if (/^[\d.]+$/.test(name) || name.includes(':')) return name; // IP address
  const labels = name.split('.');
  const keep = labels.length > 2 && labels.at(-2)!.length <= 3 && labels.at(-1)!.length === 2 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** The parts of a browser cookie that say which hosts receive it. */
export interface CookieScope {
  domain: string;
  hostOnly: boolean;
}

/** Whether `host` receives this cookie (RFC 6265 domain matching). */
export function hostReceives(host: string, cookie: CookieScope): boolean {
  const domain = cookie.domain.replace(/^\./, '').toLowerCase();
  const name = host.toLowerCase();
  return cookie.hostOnly ? name === domain : name === domain || name.endsWith(`.${domain}`);
}
