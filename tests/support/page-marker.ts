/**
 * Reading and pressing the page marker the way a person does. Its shadow root is closed and its
 * host has no fixed name (security issue 21, class 14), so page script (and Playwright's locators)
 * cannot find or reach inside it; the browser's DevTools protocol sees the whole tree (`pierce`):
 * the marker is the element whose closed shadow root holds the notice. A mouse click at a button's
 * box is a trusted click, as a person's is.
 */
import type { CDPSession, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  nodeValue: string;
  shadowRootType?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) yield* walk(child);
}

const hasMarkerClass = (node: DomNode) => {
  const attrs = node.attributes ?? [];
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'class' && attrs[i + 1] === 'marker') return true;
  return false;
};

/** Elements whose closed shadow root holds the notice, each with the element it was put in the page as (its parent). */
function markerHosts(root: DomNode): Array<{ host: DomNode; outer: DomNode }> {
  const found: Array<{ host: DomNode; outer: DomNode }> = [];
  const visit = (node: DomNode, parent: DomNode | null) => {
    const closed = (node.shadowRoots ?? []).find((shadow) => shadow.shadowRootType === 'closed');
    if (closed && parent && [...walk(closed)].some(hasMarkerClass)) found.push({ host: node, outer: parent });
    for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) visit(child, node);
  };
  visit(root, null);
  return found;
}

async function markerTree(page: Page): Promise<{ cdp: CDPSession; hosts: Array<{ host: DomNode; outer: DomNode }> }> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  return { cdp, hosts: markerHosts(root) };
}

/** How many page markers the page holds (0 or 1). */
export async function markerCount(page: Page): Promise<number> {
  const { cdp, hosts } = await markerTree(page);
  await cdp.detach();
  return hosts.length;
}

/** What a page could query the marker by: the tag names and attributes of the element put in the page and of the shadow host. */
export async function markerElements(page: Page): Promise<{ outerTag: string; outerAttributes: string[]; hostTag: string; hostAttributes: string[] } | null> {
  const { cdp, hosts } = await markerTree(page);
  await cdp.detach();
  const found = hosts[0];
  if (!found) return null;
  return {
    outerTag: found.outer.nodeName.toLowerCase(),
    outerAttributes: found.outer.attributes ?? [],
    hostTag: found.host.nodeName.toLowerCase(),
    hostAttributes: found.host.attributes ?? [],
  };
}

/** The marker's visible text, or null when there is no marker on the page. */
export async function markerText(page: Page): Promise<string | null> {
  const { cdp, hosts } = await markerTree(page);
  await cdp.detach();
  const host = hosts[0]?.host;
  if (!host) return null;
  const texts: string[] = [];
  for (const node of walk(host)) if (node.nodeName === '#text' && !/^\s*$/.test(node.nodeValue) && !texts.includes(node.nodeValue)) texts.push(node.nodeValue);
  // The stylesheet's text is a text node too.
  return texts.filter((text) => !text.includes('{')).join(' ');
}

/** Clicks a button of the marker (by its text) with the mouse: a trusted click. */
export async function clickMarkerButton(page: Page, label: string): Promise<void> {
  const { cdp, hosts } = await markerTree(page);
  try {
    const host = hosts[0]?.host;
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
