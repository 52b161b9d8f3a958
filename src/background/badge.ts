import browser from 'webextension-polyfill';
import { type WarningScope, warnings } from '../view/page-status';
import type { TabLog } from '../capture/types';
import { t } from '../shared/i18n';
import { plural } from '../diagnosis/plural';

/** Amber-800: readable white text, and distinct from the red most sites use for their own errors. */
const WARNING_COLOR = '#b45309';

function badgeText(count: number): string {
  if (count === 0) return '';
  return count > 99 ? '99+' : String(count);
}

function badgeTitle(count: number, statuses: Set<number>): string {
  if (count === 0) return t('extName');
  const kind = statuses.has(407) && statuses.size === 1 ? t('badge_kind_proxy') : t('badge_kind', [[...statuses].sort().join('/')]);
  return plural(t, 'badge_title', count, [kind]);
}

/**
 * Shows this tab's warning on the toolbar button, or clears it. Always per tab, and always
 * set explicitly: Firefox keeps a tab's badge across navigations, so clearing is our job.
 */
export async function showBadge(tabId: number, log: TabLog | undefined, scope: WarningScope = 'all'): Promise<void> {
  if (tabId < 0) return;
  const open = warnings(log, scope);
  const text = badgeText(open.length);
  const title = badgeTitle(open.length, new Set(open.map((r) => r.status)));
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text }),
      browser.action.setTitle({ tabId, title }),
      text ? browser.action.setBadgeBackgroundColor({ tabId, color: WARNING_COLOR }) : undefined,
      text && browser.action.setBadgeTextColor ? browser.action.setBadgeTextColor({ tabId, color: '#ffffff' }) : undefined,
    ]);
  } catch {
    // The tab closed meanwhile: nothing to show.
  }
}
