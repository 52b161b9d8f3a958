import type { MarkerView } from '../view/marker-view';

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
.hint { font-size: 12px; opacity: 0.85; }
@media (prefers-color-scheme: dark) {
  .marker { background: #292524; color: #fde68a; border-color: #f59e0b; }
  button { background: #1c1917; color: #fde68a; border-color: #f59e0b; }
  .dismiss { background: transparent; border-color: transparent; }
}`;

export interface MarkerCallbacks {
  /** Null when the extension's messaging cannot be reached: the marker then points at the toolbar button. */
  onDetails: (() => void) | null;
  onDismiss(): void;
}

/**
 * A small notice in a closed shadow root: the page's CSS cannot reach it, its own CSS cannot leak
 * out, and page script cannot reach its buttons (`host.shadowRoot` is null). Clicks count only when
 * a person made them (`isTrusted`): a page cannot dispatch one. Text is set with textContent only.
 */
export class PageMarker {
  private host: HTMLElement | null = null;
  private text: HTMLElement | null = null;

  constructor(private readonly callbacks: MarkerCallbacks) {}

  show(view: MarkerView): void {
    if (!this.host) this.create(view);
    this.text!.textContent = view.text;
  }

  hide(): void {
    this.host?.remove();
    this.host = null;
    this.text = null;
  }

  private create(view: MarkerView): void {
    const host = document.createElement('div');
    host.id = HOST_ID;
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const marker = document.createElement('div');
    marker.className = 'marker';
    marker.setAttribute('role', 'status');
    marker.setAttribute('aria-label', view.label);
    const text = document.createElement('span');
    text.className = 'text';
    marker.append(text);
    const onDetails = this.callbacks.onDetails;
    if (onDetails) {
      const details = document.createElement('button');
      details.type = 'button';
      details.textContent = view.why;
      details.title = view.whyTitle;
      details.addEventListener('click', (event) => event.isTrusted && onDetails());
      marker.append(details);
    } else {
      const hint = document.createElement('span');
      hint.className = 'hint';
      hint.textContent = view.toolbarHint;
      marker.append(hint);
    }
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'dismiss';
    dismiss.textContent = '×';
    dismiss.setAttribute('aria-label', view.dismiss);
    dismiss.addEventListener('click', (event) => event.isTrusted && this.callbacks.onDismiss());
    marker.append(dismiss);
    root.append(style, marker);
    (document.body ?? document.documentElement).append(host);
    this.host = host;
    this.text = text;
  }
}
