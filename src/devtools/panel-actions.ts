/** What the panel's buttons do outside the page: copy text, offer a file to save. */

/**
 * Copies text: the Clipboard API where the page may use it, else a selected textarea (DevTools
 * panels run in a frame that may not be granted clipboard-write).
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    return done;
  }
}

/** A local URL for a JSON file to save (revoke it when it is replaced). */
export function jsonFileUrl(value: unknown): string {
  return URL.createObjectURL(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }));
}
