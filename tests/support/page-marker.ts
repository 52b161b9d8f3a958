/**
 * Reading and pressing the page marker the way a person does. Its shadow root is closed, so page
 * script (and Playwright's locators) cannot reach inside; the browser's DevTools protocol sees the
 * whole tree (`pierce`), and a mouse click at a button's box is a trusted click, as a person's is.
 */
import type { CDPSession, Page } from 'playwright-core';

export const MARKER_SELECTOR = '#explainer-401-marker';

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) yield* walk(child);
}

async function markerTree(page: Page): Promise<{ cdp: CDPSession; host: DomNode | null }> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  for (const node of walk(root)) {
    const attrs = node.attributes ?? [];
    for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'id' && attrs[i + 1] === 'explainer-401-marker') return { cdp, host: node };
  }
  return { cdp, host: null };
}

/** The marker's visible text, or null when there is no marker on the page. */
export async function markerText(page: Page): Promise<string | null> {
  const { cdp, host } = await markerTree(page);
  await cdp.detach();
  if (!host) return null;
  const texts: string[] = [];
  for (const node of walk(host)) if (node.nodeName === '#text' && !/^\s*$/.test(node.nodeValue) && !texts.includes(node.nodeValue)) texts.push(node.nodeValue);
  // The stylesheet's text is a text node too.
  return texts.filter((text) => !text.includes('{')).join(' ');
}

/** Clicks a button of the marker (by its text) with the mouse: a trusted click. */
export async function clickMarkerButton(page: Page, label: string): Promise<void> {
  const { cdp, host } = await markerTree(page);
  try {
    if (!host) throw new Error('no page marker on the page');
    const button = [...walk(host)].find((node) => node.nodeName === 'BUTTON' && (node.children ?? []).some((c) => c.nodeValue === label));
    if (!button) throw new Error(`no marker button "${label}"`);
    const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId })) as { model: { content: number[] } };
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
}
