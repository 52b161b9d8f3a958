import type { MarkerView } from '../view/marker-view';

/**
 * A fresh name for the marker's element at each injection: random letters, so a page has no fixed
 * name, id or attribute to query for; without a hyphen, so it is no custom element name (a page
 * cannot define it, and `:not(:defined)` does not match it); and no HTML element's name.
 */
function randomTagName(): string {
  let name = '';
  // Ten random letters are almost never an element's name; checked all the same, a few times at most.
  for (let attempt = 0; attempt < 5; attempt++) {
    name = Array.from(crypto.getRandomValues(new Uint8Array(10)), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
    if (Object.prototype.toString.call(document.createElement(name)) === '[object HTMLUnknownElement]') break;
  }
  return name;
}

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
 * What the page gets is an element of a random name (new at each injection) holding a `span` that
 * hosts the shadow root, neither with an id, class or attribute: nothing to query for by name. A page
 * can still see that an element was added (a MutationObserver) and that its span has a shadow root;
 * only refusals it could learn by itself put one there (see build-refusal-record's pageReadable).
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
    // The shadow root needs a host that may have one (a span; an unknown element may not).
    const outer = document.createElement(randomTagName());
    const host = document.createElement('span');
    outer.append(host);
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
    (document.body ?? document.documentElement).append(outer);
    this.host = outer;
    this.text = text;
  }
}
