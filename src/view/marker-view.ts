/**
 * What the worker hands the page marker: whether to show it and its words, already in the reader's
 * language. The marker script needs no extension API to show it (page DOM can shadow that API in
 * the isolated world, see src/content/index.ts); it only uses the API, when it really is there,
 * for the "Why?" button.
 */
import type { PageStatus } from '../capture/types';
import type { Translate } from '../diagnosis/translate';
import { plural } from '../diagnosis/plural';

export interface MarkerView {
  visible: boolean;
  /** The sentence; built from counts only, never from anything a server sent. */
  text: string;
  /** The marker's accessible name (the extension's name). */
  label: string;
  why: string;
  whyTitle: string;
  dismiss: string;
  /** Shown instead of "Why?" when the page has made the extension's messaging unreachable. */
  toolbarHint: string;
  /** The extension's id: the marker checks the API it finds against it. */
  extensionId: string;
}

/** The own property of the marker script's global that holds its render function. */
export const MARKER_GLOBAL = 'explainer401Marker';

export function markerSentence(status: PageStatus, t: Translate): string {
  const proxyOnly = status.statuses.length === 1 && status.statuses[0] === 407;
  if (status.pageRefused) return t(proxyOnly ? 'marker_page_proxy' : 'marker_page');
  const codes = status.statuses.join('/');
  return plural(t, 'marker', status.refused, [codes]);
}

export function markerView(status: PageStatus, wanted: boolean, t: Translate, extensionId: string): MarkerView {
  return {
    visible: wanted && status.refused > 0,
    text: status.refused > 0 ? markerSentence(status, t) : '',
    label: t('extName'),
    why: t('marker_why'),
    whyTitle: t('marker_why_title'),
    dismiss: t('marker_dismiss'),
    toolbarHint: t('marker_toolbar_hint'),
    extensionId,
  };
}
