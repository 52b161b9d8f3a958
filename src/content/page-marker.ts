import type { PageStatus } from '../capture/types';
import type { Translate } from '../diagnosis/translate';

const HOST_ID = 'explainer-401-marker';

const STYLE = `
:host { all: initial; }
.marker {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483647;
  display: flex; align-items: center; gap: 8px; max-width: min(360px, calc(100vw - 32px));
  padding: 8px 8px 8px 12px; border-radius: 8px; border: 1px solid #b45309;
  background: #fffbeb; color: #451a03; box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
  font: 13px/1.4 system-ui, sans-serif;
}
.text { flex: 1; }
button {
  font: inherit; cursor: pointer; border-radius: 6px; padding: 2px 8px;
  border: 1px solid #b45309; background: #fff; color: #451a03;
}
button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
.dismiss { border-color: transparent; background: transparent; font-size: 16px; line-height: 1; }
@media (prefers-color-scheme: dark) {
  .marker { background: #292524; color: #fde68a; border-color: #f59e0b; }
  button { background: #1c1917; color: #fde68a; border-color: #f59e0b; }
  .dismiss { background: transparent; border-color: transparent; }
}`;

/** The marker's sentence; built from counts only, never from anything the server sent. */
export function markerText(status: PageStatus, t: Translate): string {
  const proxyOnly = status.statuses.length === 1 && status.statuses[0] === 407;
  if (status.pageRefused) return t(proxyOnly ? 'marker_page_proxy' : 'marker_page');
  const codes = status.statuses.join('/');
  return status.refused === 1 ? t('marker_one', [codes]) : t('marker_many', [status.refused, codes]);
}

export interface MarkerCallbacks {
  onDetails(): void;
  onDismiss(): void;
}

/**
 * A small notice in a shadow root: the page's CSS cannot reach it and its own CSS
 * cannot leak out. Text is set with textContent only.
 */
export class PageMarker {
  private host: HTMLElement | null = null;
  private text: HTMLElement | null = null;

  constructor(
    private readonly callbacks: MarkerCallbacks,
    private readonly t: Translate,
  ) {}

  show(status: PageStatus): void {
    if (!this.host) this.create();
    this.text!.textContent = markerText(status, this.t);
  }

  hide(): void {
    this.host?.remove();
    this.host = null;
    this.text = null;
  }

  private create(): void {
    const host = document.createElement('div');
    host.id = HOST_ID;
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const marker = document.createElement('div');
    marker.className = 'marker';
    marker.setAttribute('role', 'status');
    marker.setAttribute('aria-label', this.t('extName'));
    const text = document.createElement('span');
    text.className = 'text';
    const details = document.createElement('button');
    details.type = 'button';
    details.textContent = this.t('marker_why');
    details.title = this.t('marker_why_title');
    details.addEventListener('click', () => this.callbacks.onDetails());
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'dismiss';
    dismiss.textContent = '×';
    dismiss.setAttribute('aria-label', this.t('marker_dismiss'));
    dismiss.addEventListener('click', () => this.callbacks.onDismiss());
    marker.append(text, details, dismiss);
    root.append(style, marker);
    (document.body ?? document.documentElement).append(host);
    this.host = host;
    this.text = text;
  }
}
